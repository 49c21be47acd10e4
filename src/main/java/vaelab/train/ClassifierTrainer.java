package vaelab.train;

import java.util.LinkedHashMap;
import java.util.Map;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.data.LabeledImages;
import vaelab.eval.ClassifierEvaluation;
import vaelab.model.ConvClassifier;
import vaelab.optim.Adam;
import vaelab.optim.LearningRateSchedule;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** Trains an image classifier with Adam on cross-entropy, one shuffled pass over the data per epoch. */
public final class ClassifierTrainer {
    /**
     * The knobs of a run. {@code seed} fixes the shuffling (the model's initialisation has its own);
     * with {@code cosine} the learning rate falls from its peak to 0 along a half cosine over the run,
     * which ends training at a better point than a constant rate in the same number of epochs.
     */
    public record Options(int epochs, int batchSize, float learningRate, long seed, boolean cosine) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0f)) {
                throw new IllegalArgumentException("need epochs >= 1, batch size >= 1 and a positive learning rate; got "
                        + epochs + ", " + batchSize + ", " + learningRate);
            }
        }
    }

    /** Called after each epoch, e.g. to save the model so that no finished epoch is lost. */
    @FunctionalInterface
    public interface EpochHook {
        void after(int epoch) throws java.io.IOException;
    }

    private ClassifierTrainer() {
    }

    /**
     * Trains {@code model} on {@code train}; after each epoch measures it on {@code test} (may be null)
     * and calls {@code hook}. Returns the metrics of the last epoch.
     */
    public static Map<String, Double> train(ConvClassifier model, LabeledImages train, LabeledImages test, Options o,
                                            TrainingListener listener, EpochHook hook) throws java.io.IOException {
        Adam adam = new Adam(model.parameters(), o.learningRate());
        Rng shuffle = new Rng(o.seed());
        int n = train.count();
        int batches = (n + o.batchSize() - 1) / o.batchSize();
        LearningRateSchedule schedule = o.cosine()
                ? LearningRateSchedule.warmupCosine(o.learningRate(), 0, (long) batches * o.epochs(), 0f)
                : LearningRateSchedule.constant(o.learningRate());
        ProgressClock clock = new ProgressClock(1, o.epochs(), batches);
        Map<String, Double> metrics = new LinkedHashMap<>();
        int[] order = new int[n];
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
            model.train();
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            shuffle.shuffle(order);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * o.batchSize();
                int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + o.batchSize()));
                Tensor images = train.images(idx);
                adam.zeroGrad();
                adam.setLearningRate(schedule.rate(adam.steps()));
                Tensor loss = Losses.crossEntropy(model.forward(images), train.labels(idx), Reduction.MEAN);
                if (!Float.isFinite(loss.item())) {
                    throw new IllegalStateException("the training loss became " + loss.item() + " in epoch " + epoch
                            + ", batch " + (b + 1) + "; try a smaller --lr");
                }
                loss.backward();
                adam.step();
                lossSum += loss.item() * idx.length;
                listener.batchDone(clock.tick(epoch, b + 1, idx.length, loss.item()));
            }
            metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / n);
            if (test != null) {
                ClassifierEvaluation.Result r = ClassifierEvaluation.evaluate(model, test);
                metrics.put("test_loss", r.loss());
                metrics.put("test_accuracy", r.accuracy());
            }
            metrics.put("seconds", clock.elapsedSeconds());
            listener.epochDone(epoch, metrics);
            hook.after(epoch);
        }
        model.eval();
        return metrics;
    }
}
