package vaelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.data.LabeledImages;
import vaelab.eval.VaeEvaluation;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.Elbo;
import vaelab.model.History;
import vaelab.model.VaeFiles;
import vaelab.model.VaeLoss;
import vaelab.model.VariationalAutoencoder;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Trains an image VAE with Adam on the negative ELBO, the KL weighted by β (raised from 0 over the
 * warm-up) with free bits per dimension, on the same training images every epoch. After each epoch:
 * the test images' −ELBO, its two terms, the KL of each latent dimension and the active units.
 */
public final class VaeTrainer extends EpochTrainer<LabeledImages> {
    public static final String PREFIX = "train.vae.";
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "train_recon", "train_kl", "test_neg_elbo",
            "test_recon", "test_kl", "active_units", "seconds", "train_images_per_second");
    /** The columns of the positional history that files written before the named one hold. */
    static final List<String> LEGACY_COLUMNS = List.of("epoch", "train_loss", "train_recon", "train_kl", "test_neg_elbo",
            "test_recon", "test_kl", "seconds", "train_images_per_second");

    /**
     * @param klWarmupEpochs epochs over which the KL weight rises linearly from 0 to β (0: β throughout)
     * @param freeBits       nats per latent dimension that the KL term does not charge
     * @param beta           the KL weight after the warm-up: 1 is the ELBO, more presses the code towards the prior
     */
    public record Options(int epochs, int batchSize, float learningRate, long seed, float klWarmupEpochs, float freeBits,
                          float beta) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0f) || !(klWarmupEpochs >= 0) || !(freeBits >= 0)
                    || !(beta >= 0) || Float.isInfinite(beta)) {
                throw new IllegalArgumentException("need epochs >= 1, batch size >= 1, a positive learning rate and"
                        + " non-negative warm-up, free bits and beta");
            }
        }
    }

    private final VariationalAutoencoder vae;
    private final Options options;
    private final LabeledImages train;
    private final LabeledImages test;
    private final Rng noise;
    private VaeEvaluation.Result lastTest;
    private double recon;
    private double kl;

    public VaeTrainer(VariationalAutoencoder vae, Options options, LabeledImages train, LabeledImages test) {
        this(vae, options, train, test, new Rng(options.seed()), new Rng(options.seed() ^ 0x9E3779B97F4A7C15L));
    }

    private VaeTrainer(VariationalAutoencoder vae, Options options, LabeledImages train, LabeledImages test, Rng shuffle, Rng noise) {
        super(new RunState(PREFIX, new Adam(vae.parameters(), options.learningRate()), Map.of("shuffle", shuffle, "noise", noise),
                new History(COLUMNS)), shuffle, options.epochs(), options.batchSize(), LabeledImages::count);
        this.vae = vae;
        this.options = options;
        this.train = train;
        this.test = test;
        this.noise = noise;
    }

    public VariationalAutoencoder model() {
        return vae;
    }

    public History history() {
        return state.history();
    }

    public int epochsDone() {
        return state.epochsDone();
    }

    /** The test images' measures after the last epoch (with the KL of each dimension), or null before the first. */
    public VaeEvaluation.Result lastTest() {
        return lastTest;
    }

    /** Writes {@link #toCheckpoint()} to {@code file}: what {@link #run} takes to checkpoint after every epoch. */
    public Checkpoint checkpointTo(Path file) {
        return () -> toCheckpoint().write(file);
    }

    @Override
    protected LabeledImages epochData(int epoch) {
        vae.train();
        recon = 0;
        kl = 0;
        return train;
    }

    @Override
    protected double step(LabeledImages data, int[] indices, int epoch) {
        state.optimizer().zeroGrad();
        Elbo e = vae.elbo(data.images(indices), noise, new VaeLoss(beta(data.count()), options.freeBits()));
        double value = e.loss().item();
        if (Double.isFinite(value)) {
            e.loss().backward();
            state.optimizer().step();
            recon += e.reconstruction().item() * indices.length;
            kl += e.kl().item() * indices.length;
        }
        return value;
    }

    @Override
    protected Map<String, Double> endEpoch(int epoch, LabeledImages data, double trainLoss, double seconds, double perSecond) {
        lastTest = VaeEvaluation.evaluate(vae, test, 0, 12345);
        vae.eval(); // until the next epoch starts: a finished run leaves the model ready to use
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) epoch);
        row.put("train_loss", trainLoss);
        row.put("train_recon", recon / data.count());
        row.put("train_kl", kl / data.count());
        row.put("test_neg_elbo", lastTest.negElbo());
        row.put("test_recon", lastTest.reconstruction());
        row.put("test_kl", lastTest.kl());
        row.put("active_units", (double) lastTest.activeUnits());
        row.put("seconds", seconds);
        row.put("train_images_per_second", perSecond);
        return row;
    }

    /** The KL weight of the next step: β, after a linear warm-up from 0 over {@code klWarmupEpochs}. */
    float beta(int trainCount) {
        return (float) (options.beta() * warmUp(options.klWarmupEpochs(), trainCount));
    }

    /** The trained model with its history: what a user keeps (no optimizer state). */
    public ModelFile toModelFile() {
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("history_columns", String.join(",", COLUMNS));
        hyper.put("train.options", options.toString());
        return VaeFiles.toModelFile(vae, hyper, Map.of("history", state.history().toTensor()));
    }

    /** The model with everything needed to continue training exactly. */
    public ModelFile toCheckpoint() {
        Map<String, String> hyper = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        state.save(hyper, tensors);
        return VaeFiles.toModelFile(vae, hyper, tensors);
    }

    /** A trainer that continues the run saved in {@code checkpoint}; {@code options} may raise the number of epochs. */
    public static VaeTrainer resume(Path checkpoint, Options options, LabeledImages train, LabeledImages test) throws ModelFileException {
        ModelFile m = ModelFile.read(checkpoint);
        if (!RunState.present(m, PREFIX)) {
            throw new ModelFileException(checkpoint, "is not a VAE training checkpoint (no optimizer or generator state)");
        }
        VaeTrainer t = new VaeTrainer(VaeFiles.fromModelFile(checkpoint, m), options, train, test);
        t.state.restore(checkpoint, m);
        if (t.epochsDone() >= options.epochs()) {
            throw new IllegalArgumentException("the checkpoint " + checkpoint + " has already done " + t.epochsDone()
                    + " epochs; ask for more with --epochs");
        }
        return t;
    }

    /** The history a model file holds, by column name; files from before named columns are read by position. */
    public static History historyOf(ModelFile m) {
        Tensor h = m.tensors().get("history");
        String names = m.hyperparameters().get("history_columns");
        List<String> columns = names != null ? List.of(names.split(",")) : LEGACY_COLUMNS;
        if (h == null || h.rank() != 2 || h.dim(1) != columns.size()) {
            return new History(columns);
        }
        return History.fromTensor(h, columns);
    }

    /** Whether {@code file} exists, for commands that refuse to overwrite a run by accident. */
    public static boolean exists(Path file) {
        return Files.exists(file);
    }
}
