package vaelab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import vaelab.model.CodePrior;
import vaelab.model.History;
import vaelab.optim.Adam;
import vaelab.optim.GradientClipping;
import vaelab.optim.LearningRateSchedule;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;

/**
 * Trains a {@link CodePrior} by cross-entropy on captions and the code grids of their pictures: the
 * picture's codes after the caption and, for a share of each batch, the caption after the codes
 * (captioning). AdamW (decay 0.01), the global gradient norm clipped at 1, the rate rising linearly
 * over the first steps and then falling along a cosine to a tenth of itself.
 */
public final class CodePriorTrainer extends EpochTrainer<CodePriorTrainer.Sequences> {
    public static final String PREFIX = "train.prior.";
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "test_text_nll", "test_image_nll",
            "test_caption_nll", "seconds", "sequences_per_second");

    /** Captions (token ids) and the 64 codes of each one's picture. */
    public record Sequences(List<int[]> captions, int[] grids) {
        public int count() {
            return captions.size();
        }
    }

    /**
     * @param textWeight   the weight of the caption's cross-entropy beside the picture's
     * @param captionShare the share of sequences in picture order (codes, then caption)
     * @param warmupSteps  steps over which the rate rises from 0
     */
    public record Options(int epochs, int batchSize, float learningRate, long seed, float textWeight, float captionShare,
                          int warmupSteps) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(textWeight >= 0) || !(captionShare >= 0 && captionShare <= 1)
                    || warmupSteps < 0) {
                throw new IllegalArgumentException("invalid prior training options: " + this);
            }
        }
    }

    private final CodePrior prior;
    private final Options options;
    private final IntFunction<Sequences> epochData;
    private final java.util.function.Supplier<Sequences> testSource; // made when first needed: it needs the trained codebook
    private Sequences test;
    private final Rng order;

    public CodePriorTrainer(CodePrior prior, Options options, IntFunction<Sequences> epochData,
                            java.util.function.Supplier<Sequences> test) {
        this(prior, options, epochData, test, new Rng(options.seed()), new Rng(options.seed() ^ 0x5DEECE66DL));
    }

    private CodePriorTrainer(CodePrior prior, Options options, IntFunction<Sequences> epochData,
                             java.util.function.Supplier<Sequences> test, Rng shuffle,
                             Rng order) {
        super(new RunState(PREFIX, Adam.adamW(prior.parameters(), options.learningRate(), 0.01f),
                generators(shuffle, order, prior), new History(COLUMNS)), shuffle, options.epochs(), options.batchSize(), Sequences::count);
        this.prior = prior;
        this.options = options;
        this.epochData = epochData;
        this.testSource = test;
        this.order = order;
    }

    private static Map<String, Rng> generators(Rng shuffle, Rng order, CodePrior prior) {
        Map<String, Rng> g = new LinkedHashMap<>();
        g.put("shuffle", shuffle);
        g.put("order", order);
        List<Rng> dropout = prior.dropoutRngs();
        for (int i = 0; i < dropout.size(); i++) {
            g.put("dropout" + i, dropout.get(i));
        }
        return g;
    }

    public CodePrior model() {
        return prior;
    }

    @Override
    protected Sequences epochData(int epoch) {
        prior.train();
        return epochData.apply(epoch);
    }

    @Override
    protected double step(Sequences data, int[] indices, int epoch) {
        Adam adam = state.optimizer();
        long batches = (data.count() + options.batchSize() - 1) / options.batchSize();
        adam.setLearningRate(LearningRateSchedule.warmupCosine(options.learningRate(), options.warmupSteps(),
                Math.max(options.warmupSteps(), batches * options.epochs()), options.learningRate() / 10).rate(adam.steps()));
        boolean[] imageFirst = new boolean[indices.length];
        for (int i = 0; i < imageFirst.length; i++) {
            imageFirst[i] = order.nextFloat() < options.captionShare();
        }
        adam.zeroGrad();
        CodePrior.Loss loss = prior.loss(batch(data, indices, imageFirst));
        vaelab.tensor.Tensor total = loss.total(options.textWeight());
        double value = total.item();
        if (Double.isFinite(value)) {
            total.backward();
            GradientClipping.clipGlobalNorm(prior.parameters(), 1.0);
            adam.step();
        }
        return value;
    }

    private CodePrior.Batch batch(Sequences data, int[] indices, boolean[] imageFirst) {
        List<int[]> captions = new ArrayList<>(indices.length);
        int[] grids = new int[indices.length * prior.config().cells()];
        for (int i = 0; i < indices.length; i++) {
            captions.add(data.captions().get(indices[i]));
            System.arraycopy(data.grids(), indices[i] * prior.config().cells(), grids, i * prior.config().cells(), prior.config().cells());
        }
        return prior.batch(captions, grids, imageFirst);
    }

    @Override
    protected Map<String, Double> endEpoch(int epoch, Sequences data, double trainLoss, double seconds, double perSecond) {
        if (test == null) {
            test = testSource.get();
        }
        double[] nll = testLoss(prior, test, options.batchSize());
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) epoch);
        row.put("train_loss", trainLoss);
        row.put("test_text_nll", nll[0]);
        row.put("test_image_nll", nll[1]);
        row.put("test_caption_nll", nll[2]);
        row.put("seconds", seconds);
        row.put("sequences_per_second", perSecond);
        return row;
    }

    /**
     * Nats per token on the test sequences: the caption in text order, the codes after it, and the
     * caption after the codes (how well it captions).
     */
    static double[] testLoss(CodePrior prior, Sequences test, int batchSize) {
        prior.eval();
        double text = 0;
        double image = 0;
        double caption = 0;
        int batches = 0;
        try (GradMode.Scope ignored = GradMode.disable()) {
            for (int from = 0; from < test.count(); from += batchSize) {
                int[] idx = new int[Math.min(batchSize, test.count() - from)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + i;
                }
                List<int[]> captions = new ArrayList<>();
                int[] grids = new int[idx.length * prior.config().cells()];
                for (int i = 0; i < idx.length; i++) {
                    captions.add(test.captions().get(idx[i]));
                    System.arraycopy(test.grids(), idx[i] * prior.config().cells(), grids, i * prior.config().cells(), prior.config().cells());
                }
                CodePrior.Loss textOrder = prior.loss(prior.batch(captions, grids, new boolean[idx.length]));
                boolean[] all = new boolean[idx.length];
                java.util.Arrays.fill(all, true);
                CodePrior.Loss pictureOrder = prior.loss(prior.batch(captions, grids, all));
                text += textOrder.text().item();
                image += textOrder.image().item();
                caption += pictureOrder.text().item();
                batches++;
            }
        }
        prior.train();
        return new double[] {text / batches, image / batches, caption / batches};
    }
}
