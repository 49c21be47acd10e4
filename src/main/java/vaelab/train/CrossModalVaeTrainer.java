package vaelab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.data.CaptionedImages;
import vaelab.model.CrossModalModel;
import vaelab.model.CrossModalVae;
import vaelab.model.History;
import vaelab.optim.Adam;
import vaelab.optim.LearningRateSchedule;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.text.TokenBatch;

/**
 * One stage of a cross-modal VAE's training on the same captioned images every epoch: Adam on the
 * loss of {@link CrossModalVae#loss} with β rising from 0 over the warm-up, the rate following
 * {@code schedule}. After each epoch, the loss and its terms on (at most) the first 1,000 test
 * examples, always with the same noise. A stage may begin after earlier epochs of the run
 * ({@code firstEpoch}): a fine-tune is a second stage with its own optimizer and generators.
 */
final class CrossModalVaeTrainer extends EpochTrainer<CaptionedImages> {
    private final CrossModalVae vae;
    private final CaptionedImages train;
    private final List<int[]> trainIds;     // [example] caption token ids
    private final CaptionedImages testHead;
    private final TokenBatch testText;
    private final LearningRateSchedule schedule;
    private final float klWarmupEpochs;     // 0: β = 1 from the first step
    private final Rng noise;
    private final int epochsBefore;         // the run's epochs before this stage's first
    private double imageNll;
    private double textNll;
    private double kl;
    private double alignment;

    /**
     * @param prefix     where the stage's state is kept in the checkpoint, e.g. "train.vae."
     * @param firstEpoch the run's epoch this stage begins with (1, or the one after the first stage)
     * @param lastEpoch  the run's epoch it ends with
     */
    CrossModalVaeTrainer(String prefix, CrossModalModel model, CaptionedImages train, CaptionedImages test, float learningRate,
                         long shuffleSeed, long noiseSeed, int firstEpoch, int lastEpoch, int batchSize,
                         LearningRateSchedule schedule, float klWarmupEpochs) {
        this(prefix, model, train, test, new Adam(model.vae().parameters(), learningRate), new Rng(shuffleSeed), new Rng(noiseSeed),
                firstEpoch, lastEpoch, batchSize, schedule, klWarmupEpochs);
    }

    private CrossModalVaeTrainer(String prefix, CrossModalModel model, CaptionedImages train, CaptionedImages test, Adam adam,
                                 Rng shuffle, Rng noise, int firstEpoch, int lastEpoch, int batchSize,
                                 LearningRateSchedule schedule, float klWarmupEpochs) {
        super(new RunState(prefix, adam, Map.of("shuffle", shuffle, "noise", noise), new History(CrossModalModel.VAE_HISTORY)),
                shuffle, lastEpoch, batchSize, CaptionedImages::count);
        state.startAfter(firstEpoch - 1);
        this.vae = model.vae();
        this.train = train;
        this.trainIds = new ArrayList<>(train.count());
        for (String c : train.captions()) {
            trainIds.add(model.encode(c).ids());
        }
        this.testHead = test.head(1000);
        this.testText = model.encodeTexts(testHead.captions());
        this.schedule = schedule;
        this.klWarmupEpochs = klWarmupEpochs;
        this.noise = noise;
        this.epochsBefore = firstEpoch - 1;
    }

    @Override
    protected CaptionedImages epochData(int epoch) {
        vae.train();
        imageNll = textNll = kl = alignment = 0;
        return train;
    }

    @Override
    protected double step(CaptionedImages data, int[] indices, int epoch) {
        Adam adam = state.optimizer();
        adam.zeroGrad();
        adam.setLearningRate(schedule.rate(adam.steps()));
        List<int[]> rows = new ArrayList<>(indices.length);
        for (int i : indices) {
            rows.add(trainIds.get(i));
        }
        CrossModalVae.Loss loss = vae.loss(data.images(indices), TokenBatch.of(rows), (float) warmUp(klWarmupEpochs, data.count()), noise);
        float value = loss.total().item();
        if (Float.isFinite(value)) {
            vae.backward(loss);
            adam.step();
        }
        imageNll += loss.imageNll() * indices.length;
        textNll += loss.textNll() * indices.length;
        kl += loss.kl() * indices.length;
        alignment += loss.alignment() * indices.length;
        return value;
    }

    @Override
    protected Map<String, Double> endEpoch(int epoch, CaptionedImages data, double trainLoss, double seconds, double perSecond) {
        vae.eval();
        int n = data.count();
        CrossModalVae.Loss t;
        try (GradMode.Scope ignored = GradMode.disable()) {
            int[] all = new int[testHead.count()];
            java.util.Arrays.setAll(all, i -> i);
            t = vae.loss(testHead.images(all), testText, 1f, new Rng(12345));
        }
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) (epoch - epochsBefore)); // the stage's own count: the run's history puts the stages end to end
        row.put("train_loss", trainLoss);
        row.put("train_image_nll", imageNll / n);
        row.put("train_text_nll", textNll / n);
        row.put("train_kl", kl / n);
        row.put("test_loss", (double) t.total().item());
        row.put("test_image_nll", t.imageNll());
        row.put("test_text_nll", t.textNll());
        row.put("test_kl", t.kl());
        row.put("seconds", seconds);
        row.put("images_per_second", perSecond);
        row.put("train_alignment", alignment / n);
        row.put("test_alignment", t.alignment());
        return row;
    }
}
