package vaelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.data.LabeledImages;
import vaelab.eval.VaeEvaluation;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.Elbo;
import vaelab.model.VaeFiles;
import vaelab.model.VaeLoss;
import vaelab.model.VariationalAutoencoder;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Trains a VAE by stochastic gradient ascent on the ELBO (descent on −ELBO) with Adam, and keeps a
 * checkpoint after every epoch: the model, Adam's moments, both random generators and the history.
 * A run resumed from a checkpoint takes exactly the steps that an uninterrupted run takes, so it
 * reaches the same parameters bit for bit. A loss that turns NaN or infinite stops training and
 * leaves the last good checkpoint in place.
 */
public final class VaeTrainer {
    /**
     * @param klWarmupEpochs epochs over which β rises linearly from 0 to 1 (0: β = 1 throughout)
     * @param freeBits       nats per latent dimension that the KL term does not charge
     */
    public record Options(int epochs, int batchSize, float learningRate, long seed, float klWarmupEpochs, float freeBits,
                          int evalIwaeSamples) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0f) || klWarmupEpochs < 0 || freeBits < 0) {
                throw new IllegalArgumentException("need epochs >= 1, batch size >= 1, a positive learning rate and"
                        + " non-negative warm-up and free bits");
            }
        }
    }

    /** One epoch's averages (nats per image) on the training and test images. */
    public record EpochMetrics(int epoch, double trainLoss, double trainReconstruction, double trainKl,
                               double testNegElbo, double testReconstruction, double testKl, double seconds,
                               double trainImagesPerSecond) {
    }

    /** Columns of the history tensor in a checkpoint: one row per epoch. */
    static final int HISTORY_COLUMNS = 9;

    /** Training that cannot go on: the loss diverged. The last good checkpoint is kept. */
    public static final class DivergedException extends RuntimeException {
        public DivergedException(String message) {
            super(message);
        }
    }

    private final VariationalAutoencoder vae;
    private final Adam adam;
    private final Rng shuffle;
    private final Rng noise;
    private final Options options;
    private final List<EpochMetrics> history = new ArrayList<>();
    private int epochsDone;
    private int batchesPerEpoch = 1;

    public VaeTrainer(VariationalAutoencoder vae, Options options) {
        this.vae = vae;
        this.options = options;
        this.adam = new Adam(vae.parameters(), options.learningRate());
        this.shuffle = new Rng(options.seed());
        this.noise = new Rng(options.seed() ^ 0x9E3779B97F4A7C15L);
    }

    public List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    public int epochsDone() {
        return epochsDone;
    }

    public VariationalAutoencoder model() {
        return vae;
    }

    /** Trains until {@code options.epochs()} epochs are done, checkpointing to {@code checkpoint} after each. */
    public void run(LabeledImages train, LabeledImages test, Path checkpoint, TrainingListener listener) throws IOException {
        int n = train.count();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        ProgressClock clock = new ProgressClock(epochsDone + 1, options.epochs(), batches);
        batchesPerEpoch = batches;
        int[] order = new int[n];
        for (int epoch = epochsDone + 1; epoch <= options.epochs(); epoch++) {
            vae.train();
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            shuffle.shuffle(order);
            double loss = 0;
            double recon = 0;
            double kl = 0;
            long epochStart = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int from = b * options.batchSize();
                int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + options.batchSize()));
                adam.zeroGrad();
                Elbo e = vae.elbo(train.images(idx), noise, new VaeLoss(beta(), options.freeBits()));
                float value = e.loss().item();
                if (!Float.isFinite(value)) {
                    throw new DivergedException("the loss became " + value + " in epoch " + epoch + ", batch " + (b + 1)
                            + "; training stopped" + (epochsDone > 0 ? " and the checkpoint of epoch " + epochsDone
                            + " in " + checkpoint + " is kept" : " before the first checkpoint")
                            + ". Try a smaller learning rate.");
                }
                e.loss().backward();
                adam.step();
                loss += value * idx.length;
                recon += e.reconstruction().item() * idx.length;
                kl += e.kl().item() * idx.length;
                listener.batchDone(clock.tick(epoch, b + 1, idx.length, value));
            }
            double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
            VaeEvaluation.Result r = VaeEvaluation.evaluate(vae, test, 0, 12345);
            EpochMetrics m = new EpochMetrics(epoch, loss / n, recon / n, kl / n, r.negElbo(), r.reconstruction(), r.kl(),
                    clock.elapsedSeconds(), n / trainSeconds);
            history.add(m);
            epochsDone = epoch;
            if (checkpoint != null) {
                toCheckpoint().write(checkpoint);
            }
            Map<String, Double> shown = new LinkedHashMap<>();
            shown.put("train_loss", m.trainLoss());
            shown.put("test_neg_elbo", m.testNegElbo());
            shown.put("test_recon", m.testReconstruction());
            shown.put("test_kl", m.testKl());
            shown.put("train_images_per_second", m.trainImagesPerSecond());
            shown.put("seconds", m.seconds());
            listener.epochDone(epoch, shown);
        }
        vae.eval();
    }

    /**
     * β for the next step: a linear warm-up over {@code klWarmupEpochs}, counted in optimizer steps
     * (which a checkpoint restores, so a resumed run continues the same ramp).
     */
    float beta() {
        if (options.klWarmupEpochs() <= 0) {
            return 1f;
        }
        double warmupSteps = options.klWarmupEpochs() * (double) batchesPerEpoch;
        return (float) Math.min(1.0, (adam.steps() + 1) / warmupSteps);
    }

    /** The model with everything needed to continue training. */
    public ModelFile toCheckpoint() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("train.epochs_done", "" + epochsDone);
        extra.put("train.rng_shuffle", Long.toString(shuffle.state()));
        extra.put("train.rng_noise", Long.toString(noise.state()));
        extra.put("train.options", options.toString());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        adam.state().forEach((k, v) -> tensors.put("optimizer." + k, Tensor.of(v.clone(), v.length)));
        float[] h = new float[history.size() * HISTORY_COLUMNS];
        for (int i = 0; i < history.size(); i++) {
            EpochMetrics m = history.get(i);
            double[] row = {m.epoch(), m.trainLoss(), m.trainReconstruction(), m.trainKl(), m.testNegElbo(),
                m.testReconstruction(), m.testKl(), m.seconds(), m.trainImagesPerSecond()};
            for (int j = 0; j < HISTORY_COLUMNS; j++) {
                h[i * HISTORY_COLUMNS + j] = (float) row[j];
            }
        }
        tensors.put("history", Tensor.of(h, history.size(), HISTORY_COLUMNS));
        return VaeFiles.toModelFile(vae, extra, tensors);
    }

    /** A trainer that continues the run saved in {@code file}; {@code options} may raise the number of epochs. */
    public static VaeTrainer resume(Path file, Options options) throws ModelFileException {
        ModelFile m = ModelFile.read(file);
        VariationalAutoencoder vae = VaeFiles.fromModelFile(file, m);
        VaeTrainer t = new VaeTrainer(vae, options);
        Map<String, float[]> state = new LinkedHashMap<>();
        m.tensors().forEach((k, v) -> {
            if (k.startsWith("optimizer.")) {
                state.put(k.substring("optimizer.".length()), v.data());
            }
        });
        try {
            t.adam.loadState(state);
            t.epochsDone = Integer.parseInt(m.hyperparameters().get("train.epochs_done"));
            t.shuffle.setState(Long.parseLong(m.hyperparameters().get("train.rng_shuffle")));
            t.noise.setState(Long.parseLong(m.hyperparameters().get("train.rng_noise")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFileException(file, "is not a training checkpoint (no optimizer or generator state): " + e.getMessage());
        }
        Tensor h = m.tensors().get("history");
        if (h != null && h.rank() == 2 && h.dim(1) == HISTORY_COLUMNS) {
            float[] d = h.data();
            for (int i = 0; i < h.dim(0); i++) {
                int o = i * HISTORY_COLUMNS;
                t.history.add(new EpochMetrics((int) d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5], d[o + 6], d[o + 7],
                        d[o + 8]));
            }
        }
        if (t.epochsDone >= options.epochs()) {
            throw new IllegalArgumentException("the checkpoint " + file + " has already done " + t.epochsDone
                    + " epochs; ask for more with --epochs");
        }
        return t;
    }

    /** Whether {@code file} exists, for commands that refuse to overwrite a run by accident. */
    public static boolean exists(Path file) {
        return Files.exists(file);
    }
}
