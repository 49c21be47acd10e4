package vaelab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * A table of a model's layers with their output shapes and parameter counts, like Keras's summary:
 * the model is run once on a random input of the given shape, and every layer inside a
 * {@link Sequential} reports what it produced.
 */
public final class Summary {
    private static final ThreadLocal<List<Object[]>> RECORDING = new ThreadLocal<>();

    private Summary() {
    }

    static void record(Layer layer, Tensor output) {
        List<Object[]> rows = RECORDING.get();
        if (rows != null) {
            rows.add(new Object[] {layer, output.shape()});
        }
    }

    /** The summary of {@code model} for inputs of shape {@code inputDims} (batch first). */
    public static String of(Layer model, int... inputDims) {
        List<Object[]> rows = new ArrayList<>();
        RECORDING.set(rows);
        boolean wasTraining = model.isTraining();
        Shape out;
        try (GradMode.Scope off = GradMode.disable()) {
            model.eval();
            out = model.forward(Tensor.randn(new Rng(0), inputDims)).shape();
        } finally {
            RECORDING.remove();
            model.setTraining(wasTraining);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-40s %-22s %12s%n", "layer", "output shape", "parameters"));
        sb.append(String.format("%-40s %-22s %12s%n", "input", Shape.of(inputDims), ""));
        for (Object[] r : rows) {
            Layer l = (Layer) r[0];
            if (l instanceof Sequential) {
                continue;
            }
            sb.append(String.format("%-40s %-22s %,12d%n", l.describe(), r[1], l.parameterCount()));
        }
        sb.append(String.format("%-40s %-22s %,12d%n", "total", out, model.parameterCount()));
        return sb.toString();
    }

    /** The tree of modules with parameter counts, for models that are not one Sequential. */
    public static String tree(Module model) {
        StringBuilder sb = new StringBuilder();
        tree(model, model.describe(), 0, sb);
        sb.append(String.format("total parameters: %,d%n", model.parameterCount()));
        return sb.toString();
    }

    private static void tree(Module m, String name, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(name);
        if (!name.equals(m.describe())) {
            sb.append(": ").append(m.describe());
        }
        sb.append(String.format(" (%,d parameters)%n", m.parameterCount()));
        for (Map.Entry<String, Module> e : m.children().entrySet()) {
            tree(e.getValue(), e.getKey(), depth + 1, sb);
        }
    }
}
