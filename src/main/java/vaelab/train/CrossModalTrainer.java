package vaelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import vaelab.data.CaptionedImages;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.CrossModalModel;
import vaelab.model.History;
import vaelab.model.SceneJudge;
import vaelab.optim.LearningRateSchedule;
import vaelab.tensor.Tensor;

/**
 * Trains a {@link CrossModalModel} in up to three stages on the {@link EpochTrainer} skeleton: the
 * cross-modal VAE ({@link CrossModalVaeTrainer}), its fine-tune (the same, with its own optimizer and
 * generators), then the scene judge ({@link JudgeTrainer}) on real pictures. The judge does not depend
 * on the VAE; it goes last because the VAE is the long part, whose files are worth looking at while
 * the run goes on. After every epoch of any stage it writes the model file (what inference needs) and
 * a checkpoint beside it (the model plus every stage's {@link RunState}), so an interrupted run
 * resumes where it stopped and takes the same steps.
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
    private static final String VAE = "train.vae.";
    private static final String FINE_TUNE = "train.finetune.";

    private final CrossModalModel model;
    private final Options options;
    private History earlierVae;   // what the runs before this one (a fine-tune's starting model) recorded
    private History earlierJudge;
    private IntFunction<CaptionedImages> judgeData;
    private String startedFrom;   // the run a fine-tune began from, kept in the file as "train.init"
    private ModelFile resumeFrom; // the checkpoint whose stages run() restores, or null
    private Path resumeFile;
    private CrossModalVaeTrainer vaeStage;
    private CrossModalVaeTrainer fineTuneStage; // null without a fine-tune
    private JudgeTrainer judgeStage;            // null without a judge or judge epochs

    /**
     * A trainer for {@code model}. A model trained before (one read from a file, to fine-tune) keeps its
     * history: this run's epochs are recorded after the earlier ones, so its curves show the whole story.
     */
    public CrossModalTrainer(CrossModalModel model, Options options) {
        this.model = model;
        this.options = options;
        this.earlierVae = model.history().getOrDefault("vae", new History(CrossModalModel.VAE_HISTORY)).copy();
        this.earlierJudge = model.history().getOrDefault("judge", new History(JudgeTrainer.COLUMNS)).copy();
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

    /** The model as trained so far, with its history: the earlier runs', then each stage's end to end. */
    public CrossModalModel model() {
        History vae = earlierVae;
        if (vaeStage != null) {
            vae = then(vae, vaeStage.state().history());
        }
        if (fineTuneStage != null) {
            vae = then(vae, fineTuneStage.state().history());
        }
        Map<String, History> history = new LinkedHashMap<>();
        history.put("vae", vae);
        if (model.judge() != null) {
            history.put("judge", judgeStage == null ? earlierJudge : then(earlierJudge, judgeStage.state().history()));
        }
        return new CrossModalModel(model.vae(), model.vocabulary(), model.judge(), model.dataset(), history);
    }

    private static History then(History before, History stage) {
        return stage.size() == 0 ? before : History.continued(before, stage);
    }

    /** Trains what is left of the run; writes {@code out} and {@code out + ".checkpoint"} after each epoch (out may be null). */
    public CrossModalModel run(CaptionedImages train, CaptionedImages test, Path out, TrainingListener listener) throws IOException {
        SceneJudge judge = model.judge();
        if (judge != null && (train.scenes() == null || test.scenes() == null)) {
            throw new IllegalArgumentException("the scene judge needs scenes with known attributes");
        }
        int e = options.epochs();
        FineTune tune = options.fineTune();
        long batches = (train.count() + options.batchSize() - 1) / options.batchSize();
        vaeStage = new CrossModalVaeTrainer(VAE, model, train, test, options.learningRate(), options.seed(), options.seed() ^ NOISE_SALT,
                1, e, options.batchSize(), LearningRateSchedule.stableThenCosine(options.learningRate(),
                batches * (e - options.decayEpochs()), batches * e, 0f), options.klWarmupEpochs());
        // The fine-tune begins as a new run from the weights trained so far would: fresh moments, its own seed, β = 1.
        fineTuneStage = tune.epochs() == 0 ? null : new CrossModalVaeTrainer(FINE_TUNE, model, train, test, tune.learningRate(), tune.seed(),
                tune.seed() ^ NOISE_SALT, e + 1, e + tune.epochs(), options.batchSize(),
                LearningRateSchedule.stableThenCosine(tune.learningRate(), 0, batches * tune.epochs(), 0f), 0f);
        judgeStage = judge == null || options.judgeEpochs() == 0 ? null : new JudgeTrainer(judge,
                new JudgeTrainer.Options(options.judgeEpochs(), options.batchSize(), options.learningRate(), options.seed() ^ JUDGE_SHUFFLE_SALT, true),
                epoch -> judgeData == null ? train : judgeData.apply(epoch), test);
        if (resumeFrom != null) {
            restore();
        }
        EpochTrainer.Checkpoint checkpoint = out == null ? EpochTrainer.Checkpoint.NONE : () -> save(out);
        if (vaeStage.state().epochsDone() < e) {
            listener.phase("the cross-modal VAE: epochs " + (vaeStage.state().epochsDone() + 1) + "–" + e + " on " + train.count()
                    + " captioned images");
            vaeStage.run(checkpoint, listener);
        }
        if (fineTuneStage != null && fineTuneStage.state().epochsDone() < e + tune.epochs()) {
            if (tune.cycleWeight() > 0 && model.vae().config().pixelComponents() > 1) {
                throw new IllegalArgumentException("the read-back term does not support a pixel mixture");
            }
            // The network goes on as it is; only the loss's weights change.
            model.vae().useWeights(model.vae().weights().withCycle(tune.cycleWeight()));
            int before = earlierVae.lastEpoch() + e;
            listener.phase("the fine-tune: epochs " + (before + fineTuneStage.state().epochsDone() - e + 1) + "–"
                    + (before + tune.epochs()) + ", " + tune.describe());
            fineTuneStage.run(checkpoint, listener);
        }
        model.vae().eval();
        if (judgeStage != null && judgeStage.state().epochsDone() < options.judgeEpochs()) {
            listener.phase("the scene judge: epochs " + (judgeStage.state().epochsDone() + 1) + "–" + options.judgeEpochs()
                    + (judgeData == null ? " on the training scenes" : " on fresh scenes each epoch"));
            judgeStage.run(checkpoint, listener);
            judge.eval();
        }
        return model();
    }

    /** The VAE epochs done in both stages. */
    private int vaeEpochsDone() {
        return fineTuneStage != null && fineTuneStage.state().epochsDone() > options.epochs()
                ? fineTuneStage.state().epochsDone() : vaeStage.state().epochsDone();
    }


    private Map<String, String> trainingRecord() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("train.options", options.toString());
        info.put("train.vae_epochs", "" + vaeEpochsDone());
        info.put("train.judge_epochs", "" + (judgeStage == null ? 0 : judgeStage.state().epochsDone()));
        if (startedFrom != null) {
            info.put("train.init", startedFrom);
        }
        return info;
    }

    private void save(Path out) throws IOException {
        ModelFile base = model().toModelFile(trainingRecord());
        base.write(out);
        Map<String, String> hyper = new LinkedHashMap<>(base.hyperparameters());
        Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
        vaeStage.state().save(hyper, tensors);
        if (fineTuneStage != null) {
            fineTuneStage.state().save(hyper, tensors);
        }
        if (judgeStage != null) {
            judgeStage.state().save(hyper, tensors);
        }
        new ModelFile(base.architecture(), hyper, base.vocabulary(), tensors).write(EpochTrainer.checkpointOf(out));
    }

    /** Each stage where the checkpoint left it; what the runs before this one recorded is the rest of the history. */
    private void restore() throws ModelFileException {
        for (EpochTrainer<?> stage : java.util.Arrays.asList(vaeStage, fineTuneStage, judgeStage)) {
            if (stage != null && RunState.present(resumeFrom, stage.state().prefix())) {
                stage.state().restore(resumeFile, resumeFrom);
            }
        }
        int vaeRows = vaeStage.state().history().size() + (fineTuneStage == null ? 0 : fineTuneStage.state().history().size());
        earlierVae.truncate(earlierVae.size() - vaeRows);
        if (judgeStage != null) {
            earlierJudge.truncate(earlierJudge.size() - judgeStage.state().history().size());
        }
        resumeFrom = null;
    }

    /** A trainer that continues the run whose checkpoint sits beside {@code out}. */
    public static CrossModalTrainer resume(Path out, Options options) throws ModelFileException {
        Path file = EpochTrainer.checkpointOf(out);
        ModelFile m = ModelFile.read(file);
        if (!RunState.present(m, VAE)) {
            throw new ModelFileException(file, m.hyperparameters().containsKey("train.rng_shuffle")
                    ? "was written by an earlier vaelab, whose checkpoints this one cannot continue exactly; its weights are in "
                    + out + ": go on from them with --init " + out + " (a new optimizer, the history kept)"
                    : "is not a cross-modal training checkpoint");
        }
        CrossModalTrainer t = new CrossModalTrainer(CrossModalModel.fromModelFile(file, m), options);
        t.startedFrom = m.hyperparameters().get("train.init");
        t.resumeFrom = m;
        t.resumeFile = file;
        int vaeDone;
        int judgeDone;
        try {
            vaeDone = Integer.parseInt(m.hyperparameters().get("train.vae_epochs"));
            judgeDone = Integer.parseInt(m.hyperparameters().get("train.judge_epochs"));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "is not a cross-modal training checkpoint: " + e.getMessage());
        }
        if (vaeDone >= options.vaeEpochs() && (judgeDone >= options.judgeEpochs() || t.model.judge() == null)) {
            throw new IllegalArgumentException("the checkpoint " + file + " has already done " + vaeDone
                    + " epochs; ask for more with --epochs or --finetune-epochs");
        }
        return t;
    }
}
