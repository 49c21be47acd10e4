package vaelab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.tensor.Tensor;

/**
 * A part of a model that owns parameters and child modules, as in PyTorch: named parameters
 * ({@code "encoder.fc1.weight"}), train/eval mode, and a state that model files save and load.
 *
 * <p>Subclasses register what they own in their constructor with {@link #parameter}, {@link #buffer}
 * and {@link #child}; the order of registration is the order of {@link #namedParameters()}.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a trainable tensor; it is marked as requiring a gradient. */
    protected final Tensor parameter(String name, Tensor value) {
        requireNewName(name);
        parameters.put(name, value.requiresGrad(true));
        return value;
    }

    /** Registers state that is saved with the model but not trained (e.g. running statistics). */
    protected final Tensor buffer(String name, Tensor value) {
        requireNewName(name);
        buffers.put(name, value);
        return value;
    }

    /** Registers a child module, whose parameters appear under {@code name + "."}. */
    protected final <M extends Module> M child(String name, M module) {
        requireNewName(name);
        children.put(name, module);
        return module;
    }

    private void requireNewName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("a parameter or child name must be non-empty and without '.': '" + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " already has a member named '" + name + "'");
        }
    }

    /** Every trainable tensor of this module and its children, by dotted name, in registration order. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** Parameters and buffers: everything a model file stores. */
    public final Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        parameters.forEach((n, t) -> out.put(prefix + n, t));
        if (withBuffers) {
            buffers.forEach((n, t) -> out.put(prefix + n, t));
        }
        children.forEach((n, m) -> m.collect(prefix + n + ".", out, withBuffers));
    }

    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children, by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** The number of trainable numbers. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor t : namedParameters().values()) {
            n += t.size();
        }
        return n;
    }

    /**
     * Copies values into this module's state, checking that every name is present with the same
     * shape; the message names the first difference.
     */
    public final void loadState(Map<String, Tensor> values) {
        Map<String, Tensor> own = state();
        for (String name : own.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("missing tensor '" + name + "' for " + getClass().getSimpleName());
            }
        }
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor target = own.get(e.getKey());
            if (target == null) {
                throw new IllegalArgumentException("unexpected tensor '" + e.getKey() + "' for " + getClass().getSimpleName());
            }
            if (!target.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' has shape " + e.getValue().shape()
                        + " but the model expects " + target.shape());
            }
        }
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            float[] src = e.getValue().data();
            System.arraycopy(src, 0, own.get(e.getKey()).data(), 0, src.length);
        }
    }

    /** Clears the gradients of all parameters. */
    public final void zeroGrad() {
        for (Tensor t : namedParameters().values()) {
            t.zeroGrad();
        }
    }

    /** Training mode: dropout drops, normalisation uses batch statistics. Applies to all children. */
    public final Module train() {
        return setTraining(true);
    }

    /** Evaluation mode: deterministic inference. Applies to all children. */
    public final Module eval() {
        return setTraining(false);
    }

    public final Module setTraining(boolean value) {
        training = value;
        for (Module m : children.values()) {
            m.setTraining(value);
        }
        return this;
    }

    public final boolean isTraining() {
        return training;
    }

    /** A one-line description for summaries, e.g. {@code Dense(784 → 400)}. */
    public String describe() {
        return getClass().getSimpleName();
    }
}
