package vaelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.data.LabeledImages;
import vaelab.eval.ClassifierEvaluation;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.ConvClassifier;
import vaelab.model.History;
import vaelab.optim.Adam;
import vaelab.optim.LearningRateSchedule;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** Trains an image classifier with Adam on cross-entropy, one shuffled pass over the same data per epoch. */
public final class ClassifierTrainer extends EpochTrainer<LabeledImages> {
    public static final String PREFIX = "train.classifier.";
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "test_loss", "test_accuracy", "seconds",
            "images_per_second");

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
        void after(int epoch) throws IOException;
    }

    private final ConvClassifier model;
    private final LabeledImages train;
    private final LabeledImages test; // null: no test columns (NaN)
    private final LearningRateSchedule schedule;

    public ClassifierTrainer(ConvClassifier model, Options o, LabeledImages train, LabeledImages test) {
        this(model, o, train, test, new Rng(o.seed()));
    }

    private ClassifierTrainer(ConvClassifier model, Options o, LabeledImages train, LabeledImages test, Rng shuffle) {
        super(new RunState(PREFIX, new Adam(model.parameters(), o.learningRate()), Map.of("shuffle", shuffle, "dropout", model.dropoutRng()),
                new History(COLUMNS)), shuffle, o.epochs(), o.batchSize(), LabeledImages::count);
        this.model = model;
        this.train = train;
        this.test = test;
        long steps = (long) ((train.count() + o.batchSize() - 1) / o.batchSize()) * o.epochs();
        this.schedule = o.cosine() ? LearningRateSchedule.warmupCosine(o.learningRate(), 0, steps, 0f)
                : LearningRateSchedule.constant(o.learningRate());
    }

    /**
     * Trains {@code model} on {@code train}; after each epoch measures it on {@code test} (may be null)
     * and calls {@code hook}. Returns the last epoch's row of the history.
     */
    public static Map<String, Double> train(ConvClassifier model, LabeledImages train, LabeledImages test, Options o,
                                            TrainingListener listener, EpochHook hook) throws IOException {
        ClassifierTrainer t = new ClassifierTrainer(model, o, train, test);
        t.run(() -> hook.after(t.state().epochsDone()), listener);
        model.eval();
        History h = t.state().history();
        return h.row(h.size() - 1);
    }

    public ConvClassifier model() {
        return model;
    }

    /** The model with everything needed to continue training exactly (the model file itself holds only the weights). */
    public ModelFile toCheckpoint() {
        ModelFile base = model.toModelFile();
        Map<String, String> hyper = new LinkedHashMap<>(base.hyperparameters());
        Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
        state.save(hyper, tensors);
        return new ModelFile(base.architecture(), hyper, base.vocabulary(), tensors);
    }

    /** A trainer that continues the run saved in {@code checkpoint}; {@code o} may raise the number of epochs. */
    public static ClassifierTrainer resume(Path checkpoint, Options o, LabeledImages train, LabeledImages test) throws ModelFileException {
        ModelFile m = ModelFile.read(checkpoint);
        if (!RunState.present(m, PREFIX)) {
            throw new ModelFileException(checkpoint, "is not a classifier training checkpoint (no optimizer or generator state)");
        }
        Map<String, Tensor> weights = new LinkedHashMap<>(m.tensors());
        weights.keySet().removeIf(k -> k.startsWith(PREFIX));
        ConvClassifier model = ConvClassifier.fromModelFile(checkpoint, new ModelFile(m.architecture(), m.hyperparameters(), m.vocabulary(), weights));
        ClassifierTrainer t = new ClassifierTrainer(model, o, train, test);
        t.state.restore(checkpoint, m);
        if (t.state.epochsDone() >= o.epochs()) {
            throw new IllegalArgumentException("the checkpoint " + checkpoint + " has already done " + t.state.epochsDone()
                    + " epochs; ask for more with --epochs");
        }
        return t;
    }

    @Override
    protected LabeledImages epochData(int epoch) {
        model.train();
        return train;
    }

    @Override
    protected double step(LabeledImages data, int[] indices, int epoch) {
        Adam adam = state.optimizer();
        adam.zeroGrad();
        adam.setLearningRate(schedule.rate(adam.steps()));
        Tensor loss = Losses.crossEntropy(model.forward(data.images(indices)), data.labels(indices), Reduction.MEAN);
        double value = loss.item();
        if (Double.isFinite(value)) {
            loss.backward();
            adam.step();
        }
        return value;
    }

    @Override
    protected Map<String, Double> endEpoch(int epoch, LabeledImages data, double trainLoss, double seconds, double perSecond) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) epoch);
        row.put("train_loss", trainLoss);
        ClassifierEvaluation.Result r = test == null ? null : ClassifierEvaluation.evaluate(model, test);
        row.put("test_loss", r == null ? Double.NaN : r.loss());
        row.put("test_accuracy", r == null ? Double.NaN : r.accuracy());
        row.put("seconds", seconds);
        row.put("images_per_second", perSecond);
        model.train();
        return row;
    }
}
