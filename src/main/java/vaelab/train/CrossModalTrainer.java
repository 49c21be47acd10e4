package vaelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import vaelab.data.Blur;
import vaelab.data.CaptionedImages;
import vaelab.eval.JudgeEvaluation;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.CrossModalModel;
import vaelab.model.CrossModalVae;
import vaelab.model.SceneJudge;
import vaelab.optim.Adam;
import vaelab.optim.LearningRateSchedule;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.TokenBatch;

/**
 * Trains a {@link CrossModalModel}: the cross-modal VAE, then the scene judge (when there is one) on
 * real pictures. The two do not depend on each other; the VAE goes first because it is the long part
 * and its checkpoints are worth looking at while the run goes on. After every epoch of either it writes the model file (what inference needs)
 * and a checkpoint beside it (the model plus both optimizers' moments, the random generators and
 * the history), so an interrupted run resumes where it stopped and takes the same steps.
 */
public final class CrossModalTrainer {
    /**
     * @param judgeEpochs    epochs of the judge (ignored without one)
     * @param klWarmupEpochs epochs over which β rises linearly from 0 to 1
     * @param decayEpochs    the VAE's last epochs, over which its learning rate falls to 0 along a
     *                       cosine (0: constant throughout). The judge keeps a constant rate.
     * @param fineTune       VAE epochs after those, as a stage of their own (see {@link FineTune})
     */
    public record Options(int epochs, int judgeEpochs, int batchSize, float learningRate, long seed, float klWarmupEpochs,
                          int decayEpochs, FineTune fineTune) {
        public Options {
            if (epochs < 1 || judgeEpochs < 0 || batchSize < 1 || !(learningRate > 0f) || klWarmupEpochs < 0
                    || decayEpochs < 0 || decayEpochs > epochs || fineTune == null) {
                throw new IllegalArgumentException("need epochs >= 1, judge epochs >= 0, batch size >= 1, a positive "
                        + "learning rate, a non-negative warm-up and 0 <= decay epochs <= epochs");
            }
        }

        /** No fine-tune stage. */
        public Options(int epochs, int judgeEpochs, int batchSize, float learningRate, long seed, float klWarmupEpochs,
                       int decayEpochs) {
            this(epochs, judgeEpochs, batchSize, learningRate, seed, klWarmupEpochs, decayEpochs, FineTune.NONE);
        }

        /** A constant learning rate. */
        public Options(int epochs, int judgeEpochs, int batchSize, float learningRate, long seed, float klWarmupEpochs) {
            this(epochs, judgeEpochs, batchSize, learningRate, seed, klWarmupEpochs, 0);
        }

        /** The VAE's epochs in all, both stages. */
        public int vaeEpochs() {
            return epochs + fineTune.epochs();
        }
    }

    /**
     * A second stage of VAE epochs, numbered after the first: it starts the way a new run from the
     * first stage's weights would (fresh optimizer moments, generators seeded with {@code seed}, β = 1),
     * with the read-back term at weight {@code cycleWeight}, and its rate falls from
     * {@code learningRate} to 0 along a cosine over its epochs. So one run does what a run and then
     * a fine-tune with {@code vaelab train --init} do, to the bit, without the file in between.
     */
    public record FineTune(int epochs, float learningRate, long seed, float cycleWeight) {
        public static final FineTune NONE = new FineTune(0, 1f, 0, 0f);

        public FineTune {
            if (epochs < 0 || !(learningRate > 0f) || !(cycleWeight >= 0f)) {
                throw new IllegalArgumentException("a fine-tune needs epochs >= 0, a positive learning rate and a cycle weight >= 0");
            }
        }

        /** "the rate falling from 0.0003 to 0, read-back weight 100, seed 11" */
        public String describe() {
            return "the rate falling from " + plain(learningRate) + " to 0, read-back weight " + plain(cycleWeight) + ", seed " + seed;
        }

        private static String plain(float x) {
            return new java.math.BigDecimal(Float.toString(x)).stripTrailingZeros().toPlainString();
        }
    }

    private static final long JUDGE_SHUFFLE_SALT = 0x6A09E667F3BCC909L;
    private static final long NOISE_SALT = 0x9E3779B97F4A7C15L;

    private CrossModalModel model; // its VAE takes the fine-tune's loss weights when that stage starts
    private final Options options;
    private Adam vaeAdam;
    private final Adam judgeAdam;
    private Rng shuffle;
    private final Rng judgeShuffle; // its own, so the VAE's steps do not depend on when the judge trains
    private Rng noise;
    private final List<float[]> vaeHistory = new ArrayList<>();
    private final List<float[]> judgeHistory = new ArrayList<>();
    private int vaeEpochsDone;
    private int judgeEpochsDone;
    private IntFunction<CaptionedImages> judgeData;
    private String startedFrom; // the run a fine-tune began from, kept in the file as "train.init"

    /**
     * A trainer for {@code model}. A model trained before (one read from a file, to fine-tune) keeps its
     * history: this run's epochs are recorded after the earlier ones, so its curves show the whole story.
     */
    public CrossModalTrainer(CrossModalModel model, Options options) {
        this.model = model;
        this.options = options;
        vaeHistory.addAll(Arrays.asList(model.history().getOrDefault("vae", new float[0][])));
        judgeHistory.addAll(Arrays.asList(model.history().getOrDefault("judge", new float[0][])));
        this.vaeAdam = new Adam(model.vae().parameters(), options.learningRate());
        this.judgeAdam = model.judge() == null ? null : new Adam(model.judge().parameters(), options.learningRate());
        this.shuffle = new Rng(options.seed());
        this.judgeShuffle = new Rng(options.seed() ^ JUDGE_SHUFFLE_SALT);
        this.noise = new Rng(options.seed() ^ NOISE_SALT);
    }

    /** The fine-tune stage begins as a new run from the weights trained so far would; see {@link FineTune}. */
    private void startFineTune() {
        FineTune f = options.fineTune();
        CrossModalVae.Config config = model.vae().config();
        if (f.cycleWeight() > 0 && config.pixelComponents() > 1) {
            throw new IllegalArgumentException("the read-back term does not support a pixel mixture");
        }
        // The network goes on as it is; only the loss's weights change.
        CrossModalVae vae = model.vae();
        vae.useWeights(vae.weights().withCycle(f.cycleWeight()));
        model = new CrossModalModel(vae, model.vocabulary(), model.judge(), model.dataset(), historyMap());
        vaeAdam = new Adam(vae.parameters(), f.learningRate());
        shuffle = new Rng(f.seed());
        noise = new Rng(f.seed() ^ NOISE_SALT);
    }

    /**
     * Where the judge's epoch e (from 1) takes its pictures (each blurred by 0, 1 or 2 box-blur
     * passes, so that it reads soft pictures as well as sharp ones); by default, the VAE's training set every
     * epoch. Generated data can give each epoch fresh pictures, which the judge needs to read small
     * things (a few animals against a group) reliably. Must depend on e alone, so a resumed run sees
     * the same pictures.
     */
    public CrossModalTrainer judgeData(IntFunction<CaptionedImages> epochData) {
        this.judgeData = epochData;
        return this;
    }

    /** Records, in every file this run writes, which trained model it started from and how that was trained. */
    public CrossModalTrainer startedFrom(String description) {
        this.startedFrom = description;
        return this;
    }

    /** The model as trained so far, with its history. */
    public CrossModalModel model() {
        return new CrossModalModel(model.vae(), model.vocabulary(), model.judge(), model.dataset(), historyMap());
    }

    /** Trains what is left of the run; writes {@code out} and {@code out + ".checkpoint"} after each epoch. */
    public CrossModalModel run(CaptionedImages train, CaptionedImages test, Path out, TrainingListener listener) throws IOException {
        if (model.judge() != null && train.scenes() == null) {
            throw new IllegalArgumentException("the scene judge needs scenes with known attributes");
        }
        List<int[]> trainIds = ids(train);
        CaptionedImages testHead = test.head(1000);
        TokenBatch testText = model.encodeTexts(testHead.captions());
        int n = train.count();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        if (vaeEpochsDone < options.epochs()) {
            listener.phase("the cross-modal VAE: epochs " + (vaeEpochsDone + 1) + "–" + options.epochs() + " on " + n + " captioned images");
        }
        ProgressClock clock = new ProgressClock(vaeEpochsDone + 1, options.vaeEpochs(), batches);
        LearningRateSchedule mainSchedule = LearningRateSchedule.stableThenCosine(options.learningRate(),
                (long) batches * (options.epochs() - options.decayEpochs()), (long) batches * options.epochs(), 0f);
        FineTune fineTune = options.fineTune();
        LearningRateSchedule fineTuneSchedule = LearningRateSchedule.stableThenCosine(fineTune.learningRate(), 0,
                (long) batches * fineTune.epochs(), 0f);
        int recordedBefore = earlierEpochs(vaeHistory, vaeEpochsDone);
        for (int epoch = vaeEpochsDone + 1; epoch <= options.vaeEpochs(); epoch++) {
            boolean tuning = epoch > options.epochs();
            if (epoch == options.epochs() + 1) {
                startFineTune();
                listener.phase("the fine-tune: epochs " + (recordedBefore + epoch) + "–" + (recordedBefore + options.vaeEpochs()) + ", "
                        + fineTune.describe());
            }
            LearningRateSchedule schedule = tuning ? fineTuneSchedule : mainSchedule;
            CrossModalVae vae = model.vae();
            vae.train();
            int[] order = shuffled(n);
            double[] sums = new double[5];
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int[] idx = Arrays.copyOfRange(order, b * options.batchSize(), Math.min(n, (b + 1) * options.batchSize()));
                vaeAdam.zeroGrad();
                vaeAdam.setLearningRate(schedule.rate(vaeAdam.steps()));
                CrossModalVae.Loss loss = vae.loss(train.images(idx), batchOf(trainIds, idx), tuning ? 1f : beta(batches), noise);
                float value = loss.total().item();
                requireFinite(value, "the cross-modal VAE", epoch, b, out);
                vae.backward(loss);
                vaeAdam.step();
                double[] parts = {value, loss.imageNll(), loss.textNll(), loss.kl(), loss.alignment()};
                for (int k = 0; k < parts.length; k++) {
                    sums[k] += parts[k] * idx.length;
                }
                listener.batchDone(clock.tick(epoch, b + 1, idx.length, value));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            vae.eval();
            CrossModalVae.Loss t;
            try (GradMode.Scope ignored = GradMode.disable()) {
                t = vae.loss(testHead.images(range(testHead.count())), testText, 1f, new Rng(12345));
            }
            float[] row = {recordedBefore + epoch, (float) (sums[0] / n), (float) (sums[1] / n), (float) (sums[2] / n), (float) (sums[3] / n),
                t.total().item(), (float) t.imageNll(), (float) t.textNll(), (float) t.kl(), (float) clock.elapsedSeconds(),
                (float) (n / seconds), (float) (sums[4] / n), (float) t.alignment()};
            vaeHistory.add(row);
            vaeEpochsDone = epoch;
            save(out);
            Map<String, Double> shown = new LinkedHashMap<>();
            for (int k = 1; k < row.length; k++) {
                shown.put(CrossModalModel.VAE_HISTORY.get(k), (double) row[k]);
            }
            listener.epochDone(epoch, shown);
        }
        if (model.judge() != null && judgeEpochsDone < options.judgeEpochs()) {
            trainJudge(train, test, out, listener);
        }
        return model();
    }

    private void trainJudge(CaptionedImages vaeTrain, CaptionedImages test, Path out, TrainingListener listener) throws IOException {
        SceneJudge judge = model.judge();
        listener.phase("the scene judge: epochs " + (judgeEpochsDone + 1) + "–" + options.judgeEpochs()
                + (judgeData == null ? " on the training scenes" : " on fresh scenes each epoch"));
        ProgressClock clock = null;
        int recordedBefore = earlierEpochs(judgeHistory, judgeEpochsDone);
        for (int epoch = judgeEpochsDone + 1; epoch <= options.judgeEpochs(); epoch++) {
            CaptionedImages train = judgeData == null ? vaeTrain : judgeData.apply(epoch);
            if (train.scenes() == null) {
                throw new IllegalArgumentException("the scene judge needs scenes with known attributes");
            }
            int n = train.count();
            int[][] targets = new int[n][];
            for (int i = 0; i < n; i++) {
                targets[i] = SceneJudge.targets(train.scenes()[i]);
            }
            int batches = (n + options.batchSize() - 1) / options.batchSize();
            if (clock == null) {
                clock = new ProgressClock(epoch, options.judgeEpochs(), batches);
            }
            judge.train();
            int[] order = range(n);
            judgeShuffle.shuffle(order);
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int[] idx = Arrays.copyOfRange(order, b * options.batchSize(), Math.min(n, (b + 1) * options.batchSize()));
                int[][] t = new int[SceneJudge.HEADS.size()][idx.length];
                for (int i = 0; i < idx.length; i++) {
                    for (int h = 0; h < t.length; h++) {
                        t[h][i] = targets[idx[i]][h];
                    }
                }
                judgeAdam.zeroGrad();
                Tensor images = train.images(idx);
                Blur.randomly(images.data(), idx.length, 3, CaptionedImages.SIDE, judgeShuffle);
                Tensor loss = judge.loss(images, t);
                requireFinite(loss.item(), "the judge", epoch, b, out);
                loss.backward();
                judgeAdam.step();
                sum += loss.item() * idx.length;
                listener.batchDone(clock.tick(epoch, b + 1, idx.length, loss.item()));
            }
            judge.eval();
            JudgeEvaluation.Result r = JudgeEvaluation.evaluate(judge, test);
            float[] row = {recordedBefore + epoch, (float) (sum / n), (float) r.attributeAccuracy(), (float) r.sentimentAccuracy(),
                (float) clock.elapsedSeconds()};
            judgeHistory.add(row);
            judgeEpochsDone = epoch;
            save(out);
            Map<String, Double> shown = new LinkedHashMap<>();
            shown.put("judge_train_loss", (double) row[1]);
            shown.put("judge_attribute_accuracy", r.attributeAccuracy());
            shown.put("judge_sentiment_accuracy", r.sentimentAccuracy());
            shown.put("seconds", (double) row[4]);
            listener.epochDone(epoch, shown);
        }
    }

    /** Epochs recorded by earlier runs (a fine-tune's starting model), beyond the {@code done} of this run. */
    private static int earlierEpochs(List<float[]> history, int done) {
        return history.isEmpty() ? 0 : Math.max(0, (int) history.get(history.size() - 1)[0] - done);
    }

    /** β for the next step: rises linearly over the warm-up, counted in optimizer steps. */
    private float beta(int batchesPerEpoch) {
        if (options.klWarmupEpochs() <= 0) {
            return 1f;
        }
        return (float) Math.min(1.0, (vaeAdam.steps() + 1) / (options.klWarmupEpochs() * (double) batchesPerEpoch));
    }

    private void requireFinite(float value, String what, int epoch, int batch, Path out) {
        if (!Float.isFinite(value)) {
            throw new EpochTrainer.DivergedException("the loss of " + what + " became " + value + " in epoch " + epoch + ", batch "
                    + (batch + 1) + "; training stopped and " + out + " holds the last finished epoch. Try a smaller --lr.");
        }
    }

    private List<int[]> ids(CaptionedImages data) {
        List<int[]> ids = new ArrayList<>(data.count());
        for (String c : data.captions()) {
            ids.add(model.encode(c).ids());
        }
        return ids;
    }

    private static TokenBatch batchOf(List<int[]> ids, int[] idx) {
        List<int[]> rows = new ArrayList<>(idx.length);
        for (int i : idx) {
            rows.add(ids.get(i));
        }
        return TokenBatch.of(rows);
    }

    private int[] shuffled(int n) {
        int[] order = range(n);
        shuffle.shuffle(order);
        return order;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private Map<String, float[][]> historyMap() {
        Map<String, float[][]> h = new LinkedHashMap<>();
        h.put("vae", vaeHistory.toArray(new float[0][]));
        if (model.judge() != null) {
            h.put("judge", judgeHistory.toArray(new float[0][]));
        }
        return h;
    }

    public static Path checkpointOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".checkpoint");
    }

    private void save(Path out) throws IOException {
        if (out == null) {
            return;
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("train.options", options.toString());
        info.put("train.vae_epochs", "" + vaeEpochsDone);
        info.put("train.judge_epochs", "" + judgeEpochsDone);
        if (startedFrom != null) {
            info.put("train.init", startedFrom);
        }
        CrossModalModel current = model();
        current.toModelFile(info).write(out);
        Map<String, String> resume = new LinkedHashMap<>(info);
        resume.put("train.rng_shuffle", Long.toString(shuffle.state()));
        resume.put("train.rng_noise", Long.toString(noise.state()));
        resume.put("train.rng_judge_shuffle", Long.toString(judgeShuffle.state()));
        if (model.judge() != null) {
            resume.put("train.rng_judge_dropout", Long.toString(model.judge().dropoutRng().state()));
        }
        ModelFile base = current.toModelFile(resume);
        Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
        vaeAdam.state().forEach((k, v) -> tensors.put("optimizer.vae." + k, Tensor.of(v.clone(), v.length)));
        if (judgeAdam != null) {
            judgeAdam.state().forEach((k, v) -> tensors.put("optimizer.judge." + k, Tensor.of(v.clone(), v.length)));
        }
        new ModelFile(base.architecture(), base.hyperparameters(), base.vocabulary(), tensors).write(checkpointOf(out));
    }

    /** A trainer that continues the run whose checkpoint sits beside {@code out}. */
    public static CrossModalTrainer resume(Path out, Options options) throws ModelFileException {
        Path file = checkpointOf(out);
        ModelFile m = ModelFile.read(file);
        CrossModalModel model = CrossModalModel.fromModelFile(file, m);
        model.vae().train();
        CrossModalTrainer t = new CrossModalTrainer(model, options);
        try {
            t.vaeAdam.loadState(state(m, "optimizer.vae."));
            if (t.judgeAdam != null) {
                t.judgeAdam.loadState(state(m, "optimizer.judge."));
            }
            t.startedFrom = m.hyperparameters().get("train.init");
            t.vaeEpochsDone = Integer.parseInt(m.hyperparameters().get("train.vae_epochs"));
            t.judgeEpochsDone = Integer.parseInt(m.hyperparameters().get("train.judge_epochs"));
            t.shuffle.setState(Long.parseLong(m.hyperparameters().get("train.rng_shuffle")));
            t.noise.setState(Long.parseLong(m.hyperparameters().get("train.rng_noise")));
            t.judgeShuffle.setState(Long.parseLong(m.hyperparameters().get("train.rng_judge_shuffle")));
            if (model.judge() != null) {
                model.judge().dropoutRng().setState(Long.parseLong(m.hyperparameters().get("train.rng_judge_dropout")));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFileException(file, "is not a cross-modal training checkpoint: " + e.getMessage());
        }
        if (t.vaeEpochsDone >= options.vaeEpochs() && t.judgeEpochsDone >= options.judgeEpochs()) {
            throw new IllegalArgumentException("the checkpoint " + file + " has already done " + t.vaeEpochsDone
                    + " epochs; ask for more with --epochs or --finetune-epochs");
        }
        return t;
    }

    private static Map<String, float[]> state(ModelFile m, String prefix) {
        Map<String, float[]> s = new LinkedHashMap<>();
        m.tensors().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                s.put(k.substring(prefix.length()), v.data());
            }
        });
        return s;
    }
}
