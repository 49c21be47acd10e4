package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import vaelab.train.CrossModalTrainer;

/** The cross-modal half of {@code vaelab train}: the judge (for scenes), then the multimodal VAE. */
final class CrossModalTraining {
    private CrossModalTraining() {
    }

    @SuppressWarnings("java:S107")
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

    static int run(PrintWriter w, DataOptions data, Path file, boolean resume, CrossModalTrainer.Options options, int latent,
                   float textWeight, float wordDropout, float imageSigma, int pixelComponents, int decoderWidth, Float cycleWeightGiven, Path init, boolean skipBad) throws IOException {
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
        float cycleWeight = cycleWeightGiven != null ? cycleWeightGiven : 0f;
        if (!(cycleWeight >= 0 && cycleWeight < 1e6f) || (cycleWeight > 0 && pixelComponents > 1)) {
            throw new UserException("--cycle-weight must be 0 or more (below 10^6), and 0 with --pixel-components above 1");
        }
        CaptionedImages train = data.loadCaptioned(FashionMnist.Split.TRAIN, skipBad);
        CaptionedImages test = data.loadCaptioned(FashionMnist.Split.TEST, skipBad);
        CrossModalTrainer trainer;
        if (resume) {
            if (!Files.exists(CrossModalTrainer.checkpointOf(file))) {
                throw new UserException("--resume: no checkpoint at " + CrossModalTrainer.checkpointOf(file) + " (name the model with --out)");
            }
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
                if (cycleWeight > 0 && config.pixelComponents() > 1) {
                    throw new UserException("--cycle-weight: " + init + " has a pixel mixture, which the read-back term does not support");
                }
                weights = weights.withCycle(cycleWeight);
            }
            CrossModalVae vae = new CrossModalVae(config, weights, new Rng(options.seed()));
            vae.loadState(start.vae().state());
            trainer = new CrossModalTrainer(new CrossModalModel(vae, start.vocabulary(), start.judge(), data.dataset, start.history()), options);
            Map<String, String> startInfo = startFile.hyperparameters();
            trainer.startedFrom(init.getFileName() + ", trained with " + startInfo.getOrDefault("train.options", "unrecorded options")
                    + (startInfo.containsKey("train.init") ? ", itself started from " + startInfo.get("train.init") : ""));
            float[][] earlier = start.history().getOrDefault("vae", new float[0][]);
            w.printf("starting from the weights of %s (cycle weight %s)%s%n", init, weights.cycle(),
                    earlier.length == 0 ? "" : "; its history continues: this run's epochs are recorded as "
                            + ((int) earlier[earlier.length - 1][0] + 1) + "–" + ((int) earlier[earlier.length - 1][0] + options.vaeEpochs()));
        } else {
            CaptionVocabulary captions = CaptionVocabulary.of(train.captions());
            Vocabulary vocabulary = captions.vocabulary();
            Rng rng = new Rng(options.seed());
            CrossModalVae vae = new CrossModalVae(CrossModalVae.Config.forCaptions(train.channels(), latent, captions, imageSigma)
                    .withPixelComponents(pixelComponents).withDecoderWidth(decoderWidth),
                    new CrossModalVae.Weights(textWeight, wordDropout, cycleWeight), rng);
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
            float[][] h = done.history().get("vae");
            w.printf("saved %s (test loss %.2f after %s); checkpoint for --resume: %s%n", file, h[h.length - 1][5],
                    ConsoleProgress.duration(h[h.length - 1][9]), CrossModalTrainer.checkpointOf(file));
            if ("scenes".equals(done.dataset()) && done.judge() != null) {
                CalibrateCommand.store(file, w); // so that caption and sentiment --image can say at once what it knows
            }
        } catch (vaelab.train.EpochTrainer.DivergedException e) {
            throw new UserException(e.getMessage(), e);
        }
        return 0;
    }
}
