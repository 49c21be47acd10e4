package vaelab.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import vaelab.data.CaptionedImages;
import vaelab.model.CodeUsage;
import vaelab.model.DiscreteVae;
import vaelab.model.History;
import vaelab.optim.Adam;
import vaelab.optim.LearningRateSchedule;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Trains a {@link DiscreteVae} with Adam on reconstruction + β·commitment (the rate falling along a
 * cosine to a tenth of itself), the codebook following its moving averages, on the pictures {@code epochData} gives each epoch (fresh generated scenes).
 * After each epoch: the test pictures' reconstruction error and how much of the codebook they use.
 */
public final class DiscreteVaeTrainer extends EpochTrainer<CaptionedImages> {
    public static final String PREFIX = "train.dvae.";
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "test_mse", "codes_used", "perplexity",
            "seconds", "images_per_second");

    /** @param commitment β, the weight of the commitment term */
    public record Options(int epochs, int batchSize, float learningRate, long seed, float commitment) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(commitment >= 0)) {
                throw new IllegalArgumentException("need epochs >= 1, batch size >= 1, a positive rate and β >= 0, got " + this);
            }
        }
    }

    private final DiscreteVae vae;
    private final Options options;
    private final IntFunction<CaptionedImages> epochData;
    private final CaptionedImages test;

    public DiscreteVaeTrainer(DiscreteVae vae, Options options, IntFunction<CaptionedImages> epochData, CaptionedImages test) {
        this(vae, options, epochData, test, new Rng(options.seed()));
    }

    private DiscreteVaeTrainer(DiscreteVae vae, Options options, IntFunction<CaptionedImages> epochData, CaptionedImages test,
                               Rng shuffle) {
        super(new RunState(PREFIX, new Adam(vae.parameters(), options.learningRate()), generators(vae, shuffle), new History(COLUMNS)),
                shuffle, options.epochs(), options.batchSize(), CaptionedImages::count);
        this.vae = vae;
        this.options = options;
        this.epochData = epochData;
        this.test = test;
    }

    /** The shuffle and each level's restarts ("quantizer" for the first level, as before there were levels). */
    private static Map<String, Rng> generators(DiscreteVae vae, Rng shuffle) {
        Map<String, Rng> out = new LinkedHashMap<>();
        out.put("shuffle", shuffle);
        for (int l = 0; l < vae.quantizer().depth(); l++) {
            out.put(l == 0 ? "quantizer" : "quantizer" + l, vae.quantizer().level(l).rng());
        }
        return out;
    }

    public DiscreteVae model() {
        return vae;
    }

    @Override
    protected CaptionedImages epochData(int epoch) {
        vae.train();
        return epochData.apply(epoch);
    }

    @Override
    protected double step(CaptionedImages data, int[] indices, int epoch) {
        long batches = (data.count() + options.batchSize() - 1) / options.batchSize();
        // A cosine from the full rate down to a tenth of it over the run.
        state.optimizer().setLearningRate(LearningRateSchedule.warmupCosine(options.learningRate(), 0, batches * options.epochs(),
                options.learningRate() / 10).rate(state.optimizer().steps()));
        state.optimizer().zeroGrad();
        DiscreteVae.Loss loss = vae.loss(data.images(indices), options.commitment());
        double value = loss.total().item();
        if (Double.isFinite(value)) {
            loss.total().backward();
            state.optimizer().step();
        }
        return value;
    }

    @Override
    protected Map<String, Double> endEpoch(int epoch, CaptionedImages data, double trainLoss, double seconds, double perSecond) {
        vae.eval();
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) epoch);
        row.put("train_loss", trainLoss);
        double[] stats = testStats(vae, test);
        row.put("test_mse", stats[0]);
        row.put("codes_used", stats[1]);
        row.put("perplexity", stats[2]);
        row.put("seconds", seconds);
        row.put("images_per_second", perSecond);
        vae.train();
        return row;
    }

    /**
     * Mean squared error per pixel value of the test pictures' reconstructions, and the entries used
     * and the perplexity of all levels' codebooks together (L·K entries at most).
     */
    static double[] testStats(DiscreteVae vae, CaptionedImages test) {
        double sq = 0;
        int perPicture = vae.config().codesPerPicture();
        int depth = vae.config().depth();
        int[] all = new int[test.count() * perPicture];
        try (GradMode.Scope ignored = GradMode.disable()) {
            for (int from = 0; from < test.count(); from += 256) {
                int[] idx = new int[Math.min(256, test.count() - from)];
                java.util.Arrays.setAll(idx, i -> i);
                for (int i = 0; i < idx.length; i++) {
                    idx[i] += from;
                }
                Tensor images = test.images(idx);
                int[] codes = vae.encode(images);
                System.arraycopy(vae.quantizer().acrossLevels(codes), 0, all, from * perPicture, codes.length);
                float[] back = vae.decode(codes, idx.length);
                for (int j = 0; j < back.length; j++) {
                    double d = back[j] - images.data()[j];
                    sq += d * d;
                }
            }
        }
        CodeUsage usage = CodeUsage.of(all, depth * vae.config().codes());
        return new double[] {sq / ((double) test.count() * test.imageSize()), usage.used(), usage.perplexity()};
    }

    /** Restores a run from a checkpoint's stage state (the weights are loaded by the caller). */
    public DiscreteVaeTrainer resumeFrom(java.nio.file.Path file, vaelab.io.ModelFile m) throws vaelab.io.ModelFileException {
        state.restore(file, m);
        return this;
    }
}
