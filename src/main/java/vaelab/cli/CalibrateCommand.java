package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.api.TextImageModel;
import vaelab.io.ModelFile;
import vaelab.model.Familiarity;
import vaelab.tensor.Tensor;

/** Stores in a scene model's file what real scenes look like to it, so that answers about a picture need not measure it again. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Store in a scene model's file what real scenes look like to it, for 'caption' and 'sentiment --image'.",
                "Measures how the model rebuilds, codes and judges 2,000 generated validation scenes and stores the limits, so that"
                        + " answers about a picture say at once whether it is like the scenes the model knows (a file without them"
                        + " measures on first use: 3 s for the shipped Gaussian model, 15 s for the discrete one). Nothing else in the"
                        + " file changes.",
                "Example: vaelab calibrate --model out/models/scenes.vae"})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A scene model file (Gaussian or discrete).")
    Path modelFile;

    @Override
    public Integer call() throws IOException {
        TextImageModel model = UserException.orUserError(() -> TextImageModel.load(modelFile));
        if (!"scenes".equals(model.network().dataset())) {
            throw new UserException(modelFile + " was trained on " + model.network().dataset() + "; familiarity is measured against scenes");
        }
        store(modelFile, spec.commandLine().getOut());
        return 0;
    }

    /**
     * Calibrates the scene model in {@code file} and writes the calibration into it, nothing else
     * changed; says the limits on {@code out}. The training commands call it on the file they save.
     */
    static void store(Path file, PrintWriter out) throws IOException {
        ModelFile m = UserException.orUserError(() -> ModelFile.read(file));
        TextImageModel model = UserException.orUserError(() -> TextImageModel.load(file));
        Familiarity f = Familiarity.calibrate(model.network());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        m.tensors().forEach((k, v) -> {
            if (!k.startsWith(Familiarity.PREFIX)) {
                tensors.put(k, v);
            }
        });
        tensors.putAll(f.toTensors());
        new ModelFile(m.architecture(), m.hyperparameters(), m.vocabulary(), tensors, m.halfPrecision()).write(file);
        out.printf("%s: a familiar picture has %s (from %,d generated validation scenes); stored in the file%n", file,
                f.describeLimits(), Familiarity.CALIBRATION_SCENES);
        out.flush();
    }
}
