package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.data.FashionMnist;
import vaelab.data.LabeledImages;
import vaelab.model.ConvClassifier;
import vaelab.model.CrossModalVae;
import vaelab.nn.Summary;
import vaelab.report.ConsoleProgress;
import vaelab.tensor.Rng;
import vaelab.train.ClassifierTrainer;
import vaelab.train.CrossModalTrainer;
import vaelab.train.VaeTrainer;

/** Trains a model and saves it after every epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model and save it (after every epoch, so no finished epoch is lost).",
                "Example: vaelab train --model classifier --dataset fashion-mnist --epochs 6"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "KIND",
            description = "What to train: classifier, vae-mlp (784-400-20), vae-conv (conv encoder, transposed-conv decoder),"
                    + " crossmodal (images and captions on one latent; with scenes also the judge of attributes and sentiment),"
                    + " discrete (scenes: a discrete VAE over an 8×8 grid of codes and a transformer prior over caption then codes),"
                    + " or judge (a scene judge alone; with --sharp, of sharp renders only, for eval --sharp-judge).")
    String model;

    @Option(names = "--resume", description = "Continue the run saved in --out (VAEs): same steps as if it had never stopped;"
            + " its architecture is the file's (an architecture option such as --latent with another value is an error).")
    boolean resume;

    @Option(names = "--init", paramLabel = "FILE",
            description = "crossmodal: start from the weights, vocabulary and judge of this saved model of the same data set"
                    + " (fine-tuning, e.g. with --cycle-weight); its architecture is kept (an architecture option with another"
                    + " value is an error). Use --judge-epochs 0 to keep its judge.")
    Path init;

    @Option(names = "--kl-warmup", paramLabel = "EPOCHS", defaultValue = "0",
            description = "VAEs: raise the KL weight from 0 to 1 (to --beta) over this many epochs (default: ${DEFAULT-VALUE}).")
    float klWarmup;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
            description = "vae-mlp, vae-conv: the KL term's weight, as in a beta-VAE: 1 is the ELBO; more presses the code"
                    + " towards the prior, and enough of it collapses dimensions (default: ${DEFAULT-VALUE}).")
    float beta;

    @Option(names = "--free-bits", paramLabel = "NATS", defaultValue = "0",
            description = "VAEs: KL per latent dimension that costs nothing, against posterior collapse (default: ${DEFAULT-VALUE}).")
    float freeBits;

    @Option(names = "--likelihood", paramLabel = "bernoulli|gaussian", defaultValue = "bernoulli",
            description = "VAEs: the decoder's pixel distribution (default: ${DEFAULT-VALUE}).")
    String likelihood;

    @Option(names = "--latent", paramLabel = "N",
            description = "VAEs: latent dimensions (default: 20 for vae-mlp, 32 for vae-conv, 64 for crossmodal).")
    Integer latent;

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

    @Option(names = "--word-dropout", paramLabel = "P", defaultValue = "" + CrossModalVae.Config.WORD_DROPOUT,
            description = "crossmodal: share of the caption decoder's input words hidden in training, so it must read z (default: ${DEFAULT-VALUE}).")
    float wordDropout;

    @Option(names = "--text-weight", paramLabel = "W", defaultValue = "" + CrossModalVae.Config.TEXT_WEIGHT,
            description = "crossmodal: weight of the caption's log-likelihood against the image's (default: ${DEFAULT-VALUE}).")
    float textWeight;

    @Option(names = "--judge-epochs", paramLabel = "N", defaultValue = "8",
            description = "crossmodal on scenes: epochs of the attribute and sentiment judge, trained after the VAE (default: ${DEFAULT-VALUE}).")
    int judgeEpochs;

    @Option(names = "--skip-bad", description = "folder:DIR data: leave out unusable rows (listed) instead of stopping.")
    boolean skipBad;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Mixin
    DiscreteTraining discrete = new DiscreteTraining();

    @Mixin
    JudgeTraining judgeTraining = new JudgeTraining();

    @Option(names = "--epochs", defaultValue = "6", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "constant|cosine",
            description = "classifier and crossmodal: learning-rate schedule, constant or cosine decay to 0 over the run (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--decay-epochs", paramLabel = "N",
            description = "crossmodal: keep the learning rate until the last N VAE epochs, then lower it to 0 along a cosine "
                    + "(default: 0, or all of them with --schedule cosine). A run resumed with more --epochs and a decay "
                    + "takes the same steps as one planned that way.")
    Integer decayEpochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the model (default: out/models/KIND.vae).")
    Path out;

    /** The architecture options given on the command line, by name, with their values. */
    private Map<String, Number> architectureGiven() {
        Map<String, Number> given = new LinkedHashMap<>();
        for (String name : CrossModalTraining.ARCHITECTURE_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                given.put(name, spec.commandLine().getParseResult().matchedOptionValue(name, (Number) null));
            }
        }
        return given;
    }

    @Override
    public Integer call() throws IOException {
        threads.apply();
        if (!model.equals("classifier") && !model.equals("vae-mlp") && !model.equals("vae-conv") && !model.equals("crossmodal")
                && !model.equals("discrete") && !model.equals("judge")) {
            throw new UserException("unknown model '" + model + "'; this build can train: classifier, vae-mlp, vae-conv, crossmodal,"
                    + " discrete, judge" + (model.contains("/") || model.endsWith(".vae")
                    ? " (train's --model names a kind; the file goes to --out, or to --resume with --out)" : ""));
        }
        if (!schedule.equals("cosine") && !schedule.equals("constant")) {
            throw new UserException("--schedule must be cosine or constant, not '" + schedule + "'");
        }
        if (epochs < 1 || batchSize < 1 || !(lr > 0)) {
            throw new UserException("--epochs and --batch-size must be at least 1 and --lr positive");
        }
        Path file = out != null ? out : Path.of("out", "models", model + ".vae");
        PrintWriter w = spec.commandLine().getOut();
        if (judgeTraining.sharp && !model.equals("judge")) {
            throw new UserException("--sharp is for --model judge");
        }
        if (model.equals("judge")) {
            if (init != null) {
                throw new UserException("--init is for --model crossmodal");
            }
            return judgeTraining.run(w, data.dataset, data.limit, file, resume,
                    new vaelab.train.JudgeTrainer.Options(epochs, batchSize, lr, seed, !judgeTraining.sharp));
        }
        if (model.equals("discrete")) {
            if (init != null) {
                throw new UserException("--init is for --model crossmodal");
            }
            return discrete.run(w, data.dataset, file, resume, discrete.options(epochs, batchSize, lr, seed, data.limit));
        }
        if (init != null && (resume || !model.equals("crossmodal"))) {
            throw new UserException(resume ? "--init starts a new run; --resume continues one: give one of them" : "--init is for --model crossmodal");
        }
        if (model.equals("crossmodal")) {
            if (judgeEpochs < 0 || klWarmup < 0) {
                throw new UserException("--judge-epochs and --kl-warmup must be >= 0");
            }
            int decay = decayEpochs != null ? decayEpochs : schedule.equals("cosine") ? epochs : 0;
            if (decay < 0 || decay > epochs) {
                throw new UserException("--decay-epochs must be between 0 and --epochs (" + epochs + "), not " + decay);
            }
            float tuneLr = fineTuneLr != null ? fineTuneLr : 0.3f * lr;
            if (fineTuneEpochs < 0 || !(tuneLr > 0) || !(fineTuneCycleWeight >= 0 && fineTuneCycleWeight < 1e6f)) {
                throw new UserException("--finetune-epochs must be >= 0, --finetune-lr positive and --finetune-cycle-weight"
                        + " 0 or more (below 10^6)");
            }
            CrossModalTrainer.FineTune tune = fineTuneEpochs == 0 ? CrossModalTrainer.FineTune.NONE
                    : new CrossModalTrainer.FineTune(fineTuneEpochs, tuneLr, fineTuneSeed != null ? fineTuneSeed : seed + 1, fineTuneCycleWeight);
            if (resume || init != null) {
                CrossModalTraining.keepsArchitecture(resume ? file : init, architectureGiven(), resume ? "--resume" : "--init");
            }
            return CrossModalTraining.run(w, data, file, resume,
                    new CrossModalTrainer.Options(epochs, judgeEpochs, batchSize, lr, seed, klWarmup, decay, tune),
                    latent != null ? latent : 64, textWeight, wordDropout, imageSigma, pixelComponents != null ? pixelComponents : 1,
                    decoderWidth != null ? decoderWidth : 1, cycleWeight, init, skipBad);
        }
        if (decayEpochs != null) {
            throw new UserException("--decay-epochs is for --model crossmodal");
        }
        if (fineTuneEpochs != 0 || fineTuneLr != null || fineTuneCycleWeight != 0 || fineTuneSeed != null) {
            throw new UserException("the --finetune options are for --model crossmodal");
        }
        if (pixelComponents != null || decoderWidth != null || cycleWeight != null) {
            throw new UserException((pixelComponents != null ? "--pixel-components" : decoderWidth != null ? "--decoder-width" : "--cycle-weight")
                    + " is for --model crossmodal");
        }
        if (!model.equals("classifier")) {
            if (schedule.equals("cosine")) {
                throw new UserException("--schedule cosine is for the classifier and crossmodal; " + model + " trains at a constant rate");
            }
            VaeTrainer.Options options;
            try {
                options = new VaeTrainer.Options(epochs, batchSize, lr, seed, klWarmup, freeBits, beta);
            } catch (IllegalArgumentException e) {
                throw new UserException("--kl-warmup, --free-bits and --beta must be >= 0 (and finite)");
            }
            return new VaeTraining(w, data, model, file, resume, options, likelihood, latent).run();
        }
        if (resume) {
            throw new UserException("--resume is for VAEs; a classifier trains in one go (it is still saved after every epoch)");
        }
        LabeledImages train = data.load(FashionMnist.Split.TRAIN);
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        ConvClassifier.Config fm = ConvClassifier.Config.fashionMnist();
        ConvClassifier net = new ConvClassifier(new ConvClassifier.Config(train.channels(), train.height(), train.width(),
                train.classCount(), fm.filters1(), fm.filters2(), fm.hidden(), fm.dropout()), new Rng(seed));
        w.printf("training %s on %,d %s images (%d epochs, batch %d, lr %s %s, seed %d, %s, %d threads); testing on %,d%n",
                model, train.count(), data.dataset, epochs, batchSize, lr, schedule, seed, vaelab.tensor.Gemm.kernelName(),
                vaelab.tensor.Parallel.threads(), test.count());
        w.print(Summary.of(net.network(), 1, train.channels(), train.height(), train.width()));
        w.flush();
        Map<String, Double> last = ClassifierTrainer.train(net, train, test,
                new ClassifierTrainer.Options(epochs, batchSize, lr, seed, schedule.equals("cosine")), ConsoleProgress.forStdout(w),
                epoch -> net.toModelFile().write(file));
        w.printf("saved %s (test accuracy %.4f after %s)%n", file, last.get("test_accuracy"),
                ConsoleProgress.duration(last.get("seconds")));
        return 0;
    }
}
