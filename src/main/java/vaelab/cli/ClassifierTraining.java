package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import vaelab.data.FashionMnist;
import vaelab.data.LabeledImages;
import vaelab.model.ConvClassifier;
import vaelab.nn.Summary;
import vaelab.report.ConsoleProgress;
import vaelab.tensor.Gemm;
import vaelab.tensor.Parallel;
import vaelab.tensor.Rng;
import vaelab.train.ClassifierTrainer;
import vaelab.train.EpochTrainer;

/** {@code vaelab train --model classifier}: the CNN of Fashion-MNIST's size, a new run or one resumed from its checkpoint. */
final class ClassifierTraining {
    private ClassifierTraining() {
    }

    static int run(PrintWriter w, DataOptions data, Path file, boolean resume, TrainingBasics b) throws IOException {
        Path checkpoint = EpochTrainer.checkpointOf(file); // every epoch's full state, for --resume
        ClassifierTrainer.Options options = new ClassifierTrainer.Options(b.epochs(), b.batchSize(), b.learningRate(), b.seed(), b.cosine());
        LabeledImages train = data.load(FashionMnist.Split.TRAIN);
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        ClassifierTrainer trainer;
        if (resume) {
            trainer = UserException.orUserError(() -> ClassifierTrainer.resume(checkpoint, options, train, test));
            w.printf("resuming the classifier from %s after epoch %d of %d%n", checkpoint, trainer.state().epochsDone(), options.epochs());
        } else {
            ConvClassifier.Config fm = ConvClassifier.Config.fashionMnist();
            ConvClassifier net = new ConvClassifier(new ConvClassifier.Config(train.channels(), train.height(), train.width(),
                    train.classCount(), fm.filters1(), fm.filters2(), fm.hidden(), fm.dropout()), new Rng(b.seed()));
            trainer = new ClassifierTrainer(net, options, train, test);
            w.printf("training classifier on %,d %s images (%d epochs, batch %d, lr %s %s, seed %d, %s, %d threads); testing on %,d%n",
                    train.count(), data.dataset, b.epochs(), b.batchSize(), b.learningRate(), b.cosine() ? "cosine" : "constant",
                    b.seed(), Gemm.kernelName(), Parallel.threads(), test.count());
            w.print(Summary.of(net.network(), 1, train.channels(), train.height(), train.width()));
        }
        w.flush();
        ConvClassifier net = trainer.model();
        try {
            trainer.run(() -> {
                net.toModelFile().write(file);
                trainer.toCheckpoint().write(checkpoint);
            }, ConsoleProgress.forStdout(w));
        } catch (EpochTrainer.DivergedException e) {
            throw new UserException(e.getMessage() + " (checkpoint: " + checkpoint + ")", e);
        }
        net.eval();
        Map<String, Double> last = trainer.state().history().row(trainer.state().history().size() - 1);
        w.printf("saved %s (test accuracy %.4f after %s); the checkpoint to continue from with --resume is %s%n", file,
                last.get("test_accuracy"), ConsoleProgress.duration(last.get("seconds")), checkpoint);
        return 0;
    }
}
