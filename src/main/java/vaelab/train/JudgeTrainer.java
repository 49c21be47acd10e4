package vaelab.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import vaelab.data.Blur;
import vaelab.data.CaptionedImages;
import vaelab.eval.JudgeEvaluation;
import vaelab.model.History;
import vaelab.model.SceneJudge;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Trains a {@link SceneJudge} on rendered scenes with known attributes, fresh ones each epoch: the
 * sum of its seven heads' cross-entropies, Adam at a constant rate. With {@code blur}, each picture
 * is box-blurred 0, 1 or 2 times at random (the shipped judge, which must also read a Gaussian
 * decoder's soft pictures); without, it learns from sharp renders only, so it forgives no blur.
 */
public final class JudgeTrainer extends EpochTrainer<CaptionedImages> {
    public static final String PREFIX = "train.judge.";
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "test_attribute_accuracy", "test_sentiment_accuracy",
            "seconds", "images_per_second");

    public record Options(int epochs, int batchSize, float learningRate, long seed, boolean blur) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("need epochs >= 1, batch size >= 1 and a positive rate, got " + this);
            }
        }
    }

    private final SceneJudge judge;
    private final Options options;
    private final IntFunction<CaptionedImages> epochData;
    private final CaptionedImages test;
    private final Rng blur;

    public JudgeTrainer(SceneJudge judge, Options options, IntFunction<CaptionedImages> epochData, CaptionedImages test) {
        this(judge, options, epochData, test, new Rng(options.seed()), new Rng(options.seed() ^ 0xB1B1L));
    }

    private JudgeTrainer(SceneJudge judge, Options options, IntFunction<CaptionedImages> epochData, CaptionedImages test, Rng shuffle,
                         Rng blur) {
        super(new RunState(PREFIX, new Adam(judge.parameters(), options.learningRate()),
                Map.of("shuffle", shuffle, "blur", blur, "dropout", judge.dropoutRng()), new History(COLUMNS)),
                shuffle, options.epochs(), options.batchSize(), CaptionedImages::count);
        if (test.scenes() == null) {
            throw new IllegalArgumentException("the scene judge needs test scenes with known attributes");
        }
        this.judge = judge;
        this.options = options;
        this.epochData = epochData;
        this.test = test;
        this.blur = blur;
    }

    public SceneJudge model() {
        return judge;
    }

    @Override
    protected CaptionedImages epochData(int epoch) {
        CaptionedImages d = epochData.apply(epoch);
        if (d.scenes() == null) {
            throw new IllegalArgumentException("the scene judge needs scenes with known attributes");
        }
        judge.train();
        return d;
    }

    @Override
    protected double step(CaptionedImages data, int[] indices, int epoch) {
        int[][] targets = new int[SceneJudge.HEADS.size()][indices.length];
        for (int i = 0; i < indices.length; i++) {
            int[] t = SceneJudge.targets(data.scenes()[indices[i]]);
            for (int h = 0; h < targets.length; h++) {
                targets[h][i] = t[h];
            }
        }
        Tensor images = data.images(indices);
        if (options.blur()) {
            Blur.randomly(images.data(), indices.length, 3, CaptionedImages.SIDE, blur);
        }
        state.optimizer().zeroGrad();
        Tensor loss = judge.loss(images, targets);
        double value = loss.item();
        if (Double.isFinite(value)) {
            loss.backward();
            state.optimizer().step();
        }
        return value;
    }

    @Override
    protected Map<String, Double> endEpoch(int epoch, CaptionedImages data, double trainLoss, double seconds, double perSecond) {
        judge.eval();
        JudgeEvaluation.Result r = JudgeEvaluation.evaluate(judge, test);
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) epoch);
        row.put("train_loss", trainLoss);
        row.put("test_attribute_accuracy", r.attributeAccuracy());
        row.put("test_sentiment_accuracy", r.sentimentAccuracy());
        row.put("seconds", seconds);
        row.put("images_per_second", perSecond);
        judge.train();
        return row;
    }
}
