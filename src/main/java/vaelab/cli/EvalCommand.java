package vaelab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.data.FashionMnist;
import vaelab.data.LabeledImages;
import vaelab.eval.ClassifierEvaluation;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.ConvClassifier;
import vaelab.report.Json;

/** Measures a saved model on a test split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure a saved model on the test split.",
                "Example: vaelab eval --model out/models/classifier.vae --dataset fashion-mnist --json"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file to measure.")
    Path modelFile;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        threads.apply();
        ModelFile file;
        try {
            file = ModelFile.read(modelFile);
        } catch (ModelFileException e) {
            throw new UserException(e.getMessage(), e);
        }
        if (!file.architecture().equals(ConvClassifier.ARCHITECTURE)) {
            throw new UserException("model file " + modelFile + " holds a '" + file.architecture()
                    + "' model, which this build cannot evaluate");
        }
        ConvClassifier model;
        try {
            model = ConvClassifier.fromModelFile(modelFile, file);
        } catch (ModelFileException e) {
            throw new UserException(e.getMessage(), e);
        }
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        ClassifierEvaluation.Result r = ClassifierEvaluation.evaluate(model, test);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", file.architecture());
            o.put("dataset", data.dataset);
            o.put("images", r.images());
            o.put("accuracy", r.accuracy());
            o.put("loss", r.loss());
            Map<String, Object> perClass = new LinkedHashMap<>();
            for (int c = 0; c < r.perClassAccuracy().length; c++) {
                perClass.put(test.classNames()[c], r.perClassAccuracy()[c]);
            }
            o.put("per_class_accuracy", perClass);
            out.println(Json.write(o));
        } else {
            out.printf("%s on %,d %s test images: accuracy %.4f, cross-entropy %.4f%n", modelFile, r.images(), data.dataset,
                    r.accuracy(), r.loss());
            for (int c = 0; c < r.perClassAccuracy().length; c++) {
                out.printf("  %-12s %.4f%n", test.classNames()[c], r.perClassAccuracy()[c]);
            }
        }
        return 0;
    }
}
