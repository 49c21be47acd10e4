package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import vaelab.nn.Summary;
import vaelab.report.ConsoleProgress;
import vaelab.tensor.Rng;
import vaelab.train.ClassifierTrainer;

/** Trains a model and saves it after every epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model and save it (after every epoch, so no finished epoch is lost).",
                "Example: vaelab train --model classifier --dataset fashion-mnist --epochs 6"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "KIND", description = "What to train: classifier.")
    String model;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--epochs", defaultValue = "6", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "cosine|constant",
            description = "Learning-rate schedule: cosine decay to 0 over the run, or constant (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the model (default: out/models/KIND.vae).")
    Path out;

    @Override
    public Integer call() throws IOException {
        threads.apply();
        if (!model.equals("classifier")) {
            throw new UserException("unknown model '" + model + "'; this build can train: classifier");
        }
        if (!schedule.equals("cosine") && !schedule.equals("constant")) {
            throw new UserException("--schedule must be cosine or constant, not '" + schedule + "'");
        }
        if (epochs < 1 || batchSize < 1 || !(lr > 0)) {
            throw new UserException("--epochs and --batch-size must be at least 1 and --lr positive");
        }
        Path file = out != null ? out : Path.of("out", "models", model + ".vae");
        PrintWriter w = spec.commandLine().getOut();
        LabeledImages train = data.load(FashionMnist.Split.TRAIN);
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        ConvClassifier net = new ConvClassifier(ConvClassifier.Config.fashionMnist(), new Rng(seed));
        w.printf("training %s on %,d %s images (%d epochs, batch %d, lr %s %s, seed %d, %s, %d threads); testing on %,d%n",
                model, train.count(), data.dataset, epochs, batchSize, lr, schedule, seed, vaelab.tensor.Gemm.kernelName(),
                vaelab.tensor.Parallel.threads(), test.count());
        w.print(Summary.of(net.network(), 1, 1, 28, 28));
        w.flush();
        Map<String, Double> last = ClassifierTrainer.train(net, train, test,
                new ClassifierTrainer.Options(epochs, batchSize, lr, seed, schedule.equals("cosine")), ConsoleProgress.forStdout(w),
                epoch -> net.toModelFile().write(file));
        w.printf("saved %s (test accuracy %.4f after %s)%n", file, last.get("test_accuracy"),
                ConsoleProgress.duration(last.get("seconds")));
        return 0;
    }
}
