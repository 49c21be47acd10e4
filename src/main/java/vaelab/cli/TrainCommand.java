package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vaelab.train.EpochTrainer;

/**
 * Trains a model and saves it after every epoch. The options every kind reads are declared here and
 * checked once ({@link TrainingBasics}); each kind's own live in its mixin, and an option given for
 * a kind that does not read it is refused by name, so nothing on the command line is silently ignored.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model and save it (after every epoch, so no finished epoch is lost).",
                "Example: vaelab train --model classifier --dataset fashion-mnist --epochs 6"})
final class TrainCommand implements Callable<Integer> {
    static final List<String> KINDS = List.of("classifier", "vae-mlp", "vae-conv", "crossmodal", "discrete", "judge");
    private static final List<String> VAES = List.of("vae-mlp", "vae-conv");
    /** The kinds each mixin's options serve, by the mixin's name. */
    private static final Map<String, List<String>> MIXIN_KINDS = Map.of("vae", VAES, "crossmodal", List.of("crossmodal"),
            "discrete", List.of("discrete"), "judge", List.of("judge"));
    /** The kinds that read each of the shared options that not every kind reads. */
    private static final Map<String, List<String>> OPTION_KINDS = Map.of("--latent", List.of("vae-mlp", "vae-conv", "crossmodal"),
            "--kl-warmup", List.of("vae-mlp", "vae-conv", "crossmodal"));

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "KIND",
            description = "What to train: classifier, vae-mlp (784-400-20), vae-conv (conv encoder, transposed-conv decoder),"
                    + " crossmodal (images and captions on one latent; with scenes also the judge of attributes and sentiment),"
                    + " discrete (scenes: a discrete VAE over an 8×8 grid of codes and a transformer prior over caption then codes),"
                    + " or judge (a scene judge alone; with --sharp, of sharp renders only, for eval --sharp-judge).")
    String model;

    @Option(names = "--resume", description = "Continue the run saved in --out: same steps as if it had never stopped;"
            + " its architecture is the file's (an architecture option such as --latent with another value is an error).")
    boolean resume;

    @Option(names = "--epochs", defaultValue = "6", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "constant|cosine",
            description = "classifier and crossmodal: learning-rate schedule, constant or cosine decay to 0 over the run (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--latent", paramLabel = "N",
            description = "vae-mlp, vae-conv, crossmodal: latent dimensions (default: 20 for vae-mlp, 32 for vae-conv, 64 for crossmodal).")
    Integer latent;

    @Option(names = "--kl-warmup", paramLabel = "EPOCHS", defaultValue = "0",
            description = "vae-mlp, vae-conv, crossmodal: raise the KL weight from 0 to 1 (to --beta) over this many epochs (default: ${DEFAULT-VALUE}).")
    float klWarmup;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the model (default: out/models/KIND.vae).")
    Path out;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Mixin(name = "vae")
    VaeTraining vae = new VaeTraining();

    @Mixin(name = "crossmodal")
    CrossModalTraining crossModal = new CrossModalTraining();

    @Mixin(name = "discrete")
    DiscreteTraining discrete = new DiscreteTraining();

    @Mixin(name = "judge")
    JudgeTraining judgeTraining = new JudgeTraining();

    @Override
    public Integer call() throws IOException {
        threads.apply();
        if (!KINDS.contains(model)) {
            throw new UserException("unknown model '" + model + "'; this build can train: " + String.join(", ", KINDS)
                    + (model.contains("/") || model.endsWith(".vae")
                    ? " (train's --model names a kind; the file goes to --out, or to --resume with --out)" : ""));
        }
        refuseOptionsOfOtherKinds();
        if (!schedule.equals("cosine") && !schedule.equals("constant")) {
            throw new UserException("--schedule must be cosine or constant, not '" + schedule + "'");
        }
        boolean cosine = schedule.equals("cosine");
        if (cosine && !model.equals("classifier") && !model.equals("crossmodal")) {
            throw new UserException("--schedule cosine is for the classifier and crossmodal; " + model
                    + (model.equals("discrete") ? " sets its own rates (--warmup-steps, then a cosine)" : " trains at a constant rate"));
        }
        TrainingBasics basics = new TrainingBasics(epochs, batchSize, lr, seed, cosine, latent, klWarmup);
        Path file = out != null ? out : Path.of("out", "models", model + ".vae");
        if (resume && !Files.exists(EpochTrainer.checkpointOf(file))) {
            throw new UserException("--resume: no checkpoint at " + EpochTrainer.checkpointOf(file)
                    + " (it is written beside --out after every epoch)");
        }
        PrintWriter w = spec.commandLine().getOut();
        return switch (model) {
            case "judge" -> judgeTraining.run(w, data.dataset, data.limit, file, resume,
                    new vaelab.train.JudgeTrainer.Options(epochs, batchSize, lr, seed, !judgeTraining.sharp));
            case "discrete" -> discrete.run(w, data.dataset, file, resume, discrete.options(epochs, batchSize, lr, seed, data.limit));
            case "crossmodal" -> crossModal.run(w, data, file, resume, basics, architectureGiven());
            case "classifier" -> ClassifierTraining.run(w, data, file, resume, basics);
            default -> vae.run(w, data, model, file, resume, basics);
        };
    }

    /** An option given on the command line that the chosen kind does not read is an error, not silence. */
    private void refuseOptionsOfOtherKinds() {
        Map<String, List<String>> kindsOf = new LinkedHashMap<>(OPTION_KINDS);
        spec.mixins().forEach((mixin, mixinSpec) -> {
            if (MIXIN_KINDS.containsKey(mixin)) {
                mixinSpec.options().forEach(o -> kindsOf.put(o.longestName(), MIXIN_KINDS.get(mixin)));
            }
        });
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            List<String> kinds = kindsOf.get(o.longestName());
            if (kinds != null && !kinds.contains(model)) {
                String names = kinds.size() == 1 ? kinds.get(0)
                        : String.join(", ", kinds.subList(0, kinds.size() - 1)) + " or " + kinds.get(kinds.size() - 1);
                throw new UserException(o.longestName() + " is for --model " + names);
            }
        }
    }

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
}
