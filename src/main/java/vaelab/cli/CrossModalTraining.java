package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import vaelab.data.CaptionedImages;
import vaelab.data.FashionMnist;
import vaelab.data.scenes.ScenesDataset;
import vaelab.io.ModelFile;
import vaelab.model.CaptionVocabulary;
import vaelab.model.CrossModalModel;
import vaelab.model.CrossModalVae;
import vaelab.model.SceneJudge;
import vaelab.report.ConsoleProgress;
import vaelab.tensor.Gemm;
import vaelab.tensor.Parallel;
import vaelab.tensor.Rng;
import vaelab.text.Vocabulary;
import vaelab.train.EpochTrainer;
import vaelab.train.CrossModalTrainer;

/**
 * {@code vaelab train --model crossmodal}: the cross-modal model's own options, declared and checked
 * here once, and the run (the multimodal VAE, its fine-tune, then for scenes the judge).
 */
final class CrossModalTraining {
    @Option(names = "--init", paramLabel = "FILE",
            description = "crossmodal: start from the weights, vocabulary and judge of this saved model of the same data set"
                    + " (fine-tuning, e.g. with --cycle-weight); its architecture is kept (an architecture option with another"
                    + " value is an error). Use --judge-epochs 0 to keep its judge.")
    Path init;

    @Option(names = "--image-sigma", paramLabel = "S", defaultValue = "" + CrossModalVae.Config.IMAGE_SIGMA,
            description = "crossmodal: standard deviation of the Gaussian pixel likelihood; 0 for Bernoulli (default: ${DEFAULT-VALUE}).")
    float imageSigma;

    @Option(names = "--pixel-components", paramLabel = "K",
            description = "crossmodal: colours each pixel may take, a mixture of K Gaussians. K > 1 fits the pictures better and a"
                    + " draw shows what scenes scatter at random, such as flowers, but also speckles whatever the model is unsure of"
                    + " (docs/CROSSMODAL.md) (1 to " + CrossModalVae.Config.MAX_PIXEL_COMPONENTS + "; default: 1).")
    Integer pixelComponents;

    @Option(names = "--decoder-width", paramLabel = "W",
            description = "crossmodal: every layer of the image decoder W times as wide: more parameters to draw small things"
                    + " with, slower epochs (1 to " + CrossModalVae.Config.MAX_DECODER_WIDTH + "; default: 1).")
    Integer decoderWidth;

    @Option(names = "--cycle-weight", paramLabel = "G",
            description = "crossmodal: weight of the read-back term, which teaches the image decoder to draw, from a caption's"
                    + " code, a picture in which the model's own image expert finds the caption again (default: 0, none).")
    Float cycleWeight;

    @Option(names = "--word-dropout", paramLabel = "P", defaultValue = "" + CrossModalVae.Config.WORD_DROPOUT,
            description = "crossmodal: share of the caption decoder's input words hidden in training, so it must read z (default: ${DEFAULT-VALUE}).")
    float wordDropout;

    @Option(names = "--text-weight", paramLabel = "W", defaultValue = "" + CrossModalVae.Config.TEXT_WEIGHT,
            description = "crossmodal: weight of the caption's log-likelihood against the image's (default: ${DEFAULT-VALUE}).")
    float textWeight;

    @Option(names = "--judge-epochs", paramLabel = "N", defaultValue = "8",
            description = "crossmodal on scenes: epochs of the attribute and sentiment judge, trained after the VAE (default: ${DEFAULT-VALUE}).")
    int judgeEpochs;

    @Option(names = "--decay-epochs", paramLabel = "N",
            description = "crossmodal: keep the learning rate until the last N VAE epochs, then lower it to 0 along a cosine "
                    + "(default: 0, or all of them with --schedule cosine). A run resumed with more --epochs and a decay "
                    + "takes the same steps as one planned that way.")
    Integer decayEpochs;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "0",
            description = "crossmodal: after --epochs, N more VAE epochs as a stage of their own, numbered on: fresh optimizer"
                    + " moments, β = 1, the rate falling from --finetune-lr to 0 along a cosine, the read-back term at"
                    + " --finetune-cycle-weight. The same to the bit as training, then --init from the file with those options"
                    + " (default: ${DEFAULT-VALUE}).")
    int fineTuneEpochs;

    @Option(names = "--finetune-lr", paramLabel = "R",
            description = "crossmodal: the fine-tune's starting learning rate (default: 0.3 × --lr).")
    Float fineTuneLr;

    @Option(names = "--finetune-cycle-weight", paramLabel = "G", defaultValue = "0",
            description = "crossmodal: weight of the read-back term in the fine-tune (see --cycle-weight; default: ${DEFAULT-VALUE}).")
    float fineTuneCycleWeight;

    @Option(names = "--finetune-seed", paramLabel = "S",
            description = "crossmodal: seed of the fine-tune's shuffling and noise (default: --seed + 1).")
    Long fineTuneSeed;

    @Option(names = "--skip-bad", description = "folder:DIR data: leave out unusable rows (listed) instead of stopping.")
    boolean skipBad;

    /** Options that shape the model, which a resumed or --init run takes from its file. */
    static final List<String> ARCHITECTURE_OPTIONS = List.of("--latent", "--text-weight", "--word-dropout", "--image-sigma",
            "--pixel-components", "--decoder-width");

    /**
     * A run that continues ({@code --resume}) or starts from ({@code --init}) a file keeps that file's
     * architecture; an architecture option given with another value would be silently ignored, so it is
     * an error instead. A missing or unreadable file is left for the run to report.
     */
    static void keepsArchitecture(Path file, Map<String, Number> given, String how) {
        if (given.isEmpty() || !Files.exists(file)) {
            return;
        }
        CrossModalVae saved0 = UserException.orUserError(() -> CrossModalModel.fromModelFile(file, ModelFile.read(file))).vae();
        CrossModalVae.Config c = saved0.config();
        Map<String, Number> saved = Map.of("--latent", c.latent(), "--text-weight", saved0.weights().text(),
                "--word-dropout", saved0.weights().wordDropout(),
                "--image-sigma", c.imageSigma(), "--pixel-components", c.pixelComponents(), "--decoder-width", c.decoderWidth());
        List<String> differ = new ArrayList<>();
        given.forEach((name, value) -> {
            if (value.floatValue() != saved.get(name).floatValue()) {
                differ.add(name + " " + value + " (the file has " + saved.get(name) + ")");
            }
        });
        if (!differ.isEmpty()) {
            throw new UserException(how + " keeps the architecture of " + file + ", not " + String.join(", ", differ)
                    + ": leave those options out, or train a new model with --out");
        }
    }

    /** The trainer's options from the shared ones and this kind's; every value is checked here, with the option's name. */
    CrossModalTrainer.Options options(TrainingBasics b) {
        if (judgeEpochs < 0) {
            throw new UserException("--judge-epochs must be >= 0");
        }
        int decay = decayEpochs != null ? decayEpochs : b.cosine() ? b.epochs() : 0;
        if (decay < 0 || decay > b.epochs()) {
            throw new UserException("--decay-epochs must be between 0 and --epochs (" + b.epochs() + "), not " + decay);
        }
        float tuneLr = fineTuneLr != null ? fineTuneLr : 0.3f * b.learningRate();
        if (fineTuneEpochs < 0 || !(tuneLr > 0) || !(fineTuneCycleWeight >= 0 && fineTuneCycleWeight < 1e6f)) {
            throw new UserException("--finetune-epochs must be >= 0, --finetune-lr positive and --finetune-cycle-weight"
                    + " 0 or more (below 10^6)");
        }
        CrossModalTrainer.FineTune tune = fineTuneEpochs == 0 ? CrossModalTrainer.FineTune.NONE
                : new CrossModalTrainer.FineTune(fineTuneEpochs, tuneLr, fineTuneSeed != null ? fineTuneSeed : b.seed() + 1, fineTuneCycleWeight);
        return new CrossModalTrainer.Options(b.epochs(), judgeEpochs, b.batchSize(), b.learningRate(), b.seed(), b.klWarmup(), decay, tune);
    }

    /**
     * Trains (or resumes) the model at {@code file}; {@code architectureGiven} are the options of
     * {@link #ARCHITECTURE_OPTIONS} given on the command line, which a run from a file must not contradict.
     */
    int run(PrintWriter w, DataOptions data, Path file, boolean resume, TrainingBasics basics, Map<String, Number> architectureGiven)
            throws IOException {
        if (init != null && resume) {
            throw new UserException("--init starts a new run; --resume continues one: give one of them");
        }
        CrossModalTrainer.Options options = options(basics);
        if (resume || init != null) {
            keepsArchitecture(resume ? file : init, architectureGiven, resume ? "--resume" : "--init");
        }
        int latent = basics.latentOr(64);
        int pixelComponents = this.pixelComponents != null ? this.pixelComponents : 1;
        int decoderWidth = this.decoderWidth != null ? this.decoderWidth : 1;
        Float cycleWeightGiven = cycleWeight;
        if (latent < 1 || !(textWeight > 0) || !(wordDropout >= 0 && wordDropout < 1) || !(imageSigma >= 0 && imageSigma < 10)) {
            throw new UserException("--latent must be at least 1, --text-weight positive, --word-dropout in [0, 1) and --image-sigma in [0, 10)");
        }
        if (pixelComponents < 1 || pixelComponents > CrossModalVae.Config.MAX_PIXEL_COMPONENTS || (pixelComponents > 1 && imageSigma == 0)) {
            throw new UserException("--pixel-components must be between 1 and " + CrossModalVae.Config.MAX_PIXEL_COMPONENTS
                    + ", and above 1 only with a Gaussian pixel likelihood (--image-sigma above 0)");
        }
        if (decoderWidth < 1 || decoderWidth > CrossModalVae.Config.MAX_DECODER_WIDTH) {
            throw new UserException("--decoder-width must be between 1 and " + CrossModalVae.Config.MAX_DECODER_WIDTH);
        }
        float cycle = cycleWeightGiven != null ? cycleWeightGiven : 0f;
        if (!(cycle >= 0 && cycle < 1e6f) || (cycle > 0 && pixelComponents > 1)) {
            throw new UserException("--cycle-weight must be 0 or more (below 10^6), and 0 with --pixel-components above 1");
        }
        CaptionedImages train = data.loadCaptioned(FashionMnist.Split.TRAIN, skipBad);
        CaptionedImages test = data.loadCaptioned(FashionMnist.Split.TEST, skipBad);
        CrossModalTrainer trainer;
        if (resume) {
            trainer = UserException.orUserError(() -> CrossModalTrainer.resume(file, options));
            w.printf("resuming %s%n", file);
        } else if (init != null) {
            ModelFile startFile = UserException.orUserError(() -> ModelFile.read(init));
            CrossModalModel start = UserException.orUserError(() -> CrossModalModel.fromModelFile(init, startFile));
            if (!start.dataset().equals(data.dataset)) {
                throw new UserException("--init: " + init + " was trained on " + start.dataset() + ", not " + data.dataset);
            }
            // The file's architecture, vocabulary and loss weights are kept; only the read-back weight may change.
            CrossModalVae.Config config = start.vae().config();
            CrossModalVae.Weights weights = start.vae().weights();
            if (cycleWeightGiven != null) {
                if (cycle > 0 && config.pixelComponents() > 1) {
                    throw new UserException("--cycle-weight: " + init + " has a pixel mixture, which the read-back term does not support");
                }
                weights = weights.withCycle(cycle);
            }
            CrossModalVae vae = new CrossModalVae(config, weights, new Rng(options.seed()));
            vae.loadState(start.vae().state());
            trainer = new CrossModalTrainer(new CrossModalModel(vae, start.vocabulary(), start.judge(), data.dataset, start.history()), options);
            Map<String, String> startInfo = startFile.hyperparameters();
            trainer.startedFrom(init.getFileName() + ", trained with " + startInfo.getOrDefault("train.options", "unrecorded options")
                    + (startInfo.containsKey("train.init") ? ", itself started from " + startInfo.get("train.init") : ""));
            int earlier = start.history().containsKey("vae") ? start.history().get("vae").lastEpoch() : 0;
            w.printf("starting from the weights of %s (cycle weight %s)%s%n", init, weights.cycle(),
                    earlier == 0 ? "" : "; its history continues: this run's epochs are recorded as "
                            + (earlier + 1) + "–" + (earlier + options.vaeEpochs()));
        } else {
            CaptionVocabulary captions = CaptionVocabulary.of(train.captions());
            Vocabulary vocabulary = captions.vocabulary();
            Rng rng = new Rng(options.seed());
            CrossModalVae vae = new CrossModalVae(CrossModalVae.Config.forCaptions(train.channels(), latent, captions, imageSigma)
                    .withPixelComponents(pixelComponents).withDecoderWidth(decoderWidth),
                    new CrossModalVae.Weights(textWeight, wordDropout, cycle), rng);
            SceneJudge judge = train.scenes() != null ? new SceneJudge(0.2f, rng) : null;
            CrossModalModel model = new CrossModalModel(vae, vocabulary, judge, data.dataset, Map.of());
            trainer = new CrossModalTrainer(model, options);
            w.printf("cross-modal VAE: %,d parameters, latent %d, vocabulary %d tokens, captions up to %d tokens%s%n",
                    vae.parameterCount(), latent, vocabulary.size(), vae.config().maxTokens(),
                    judge != null ? "; scene judge: " + String.format("%,d", judge.parameterCount()) + " parameters" : "");
        }
        CrossModalTrainer.FineTune tune = options.fineTune();
        if (tune.cycleWeight() > 0 && trainer.model().vae().config().pixelComponents() > 1) {
            throw new UserException("--finetune-cycle-weight: the model has a pixel mixture, which the read-back term does not support");
        }
        w.printf("training on %,d captioned images of %s, testing on %,d (%d VAE + %d judge epochs, batch %d, lr %s%s, seed %d%s, %s, %d threads)%n",
                train.count(), data.dataset, test.count(), options.epochs(), trainer.model().judge() != null ? options.judgeEpochs() : 0, options.batchSize(), options.learningRate(),
                options.decayEpochs() == 0 ? "" : options.decayEpochs() == 1 ? " falling to 0 over VAE epoch " + options.epochs()
                        : " falling to 0 over VAE epochs " + (options.epochs() - options.decayEpochs() + 1) + "–" + options.epochs(),
                options.seed(), tune.epochs() == 0 ? "" : "; then " + tune.epochs() + " fine-tune epochs, " + tune.describe(),
                Gemm.kernelName(), Parallel.threads());
        w.flush();
        if (train.scenes() != null && data.limit == null) {
            // Scenes are generated: each judge epoch gets its own training scenes (epoch 1: the VAE's).
            int n = train.count();
            trainer.judgeData(epoch -> CaptionedImages.of(ScenesDataset.generate(ScenesDataset.Split.TRAIN, (epoch - 1) * n, n)));
        }
        try {
            CrossModalModel done = trainer.run(train, test, file, ConsoleProgress.forStdout(w));
            vaelab.model.History h = done.history().get("vae");
            Map<String, Double> last = h.row(h.size() - 1);
            w.printf("saved %s (test loss %.2f after %s); checkpoint for --resume: %s%n", file, last.get("test_loss"),
                    ConsoleProgress.duration(last.get("seconds")), EpochTrainer.checkpointOf(file));
            if ("scenes".equals(done.dataset()) && done.judge() != null) {
                CalibrateCommand.store(file, w); // so that caption and sentiment --image can say at once what it knows
            }
        } catch (vaelab.train.EpochTrainer.DivergedException e) {
            throw new UserException(e.getMessage(), e);
        }
        return 0;
    }
}
