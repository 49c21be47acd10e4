package vaelab.tensor;

import java.util.Arrays;

/**
 * A float32 array of any rank, stored row-major and contiguous, that can take part in reverse-mode
 * differentiation.
 *
 * <p>A tensor's values never change after an op has read them, except through an optimizer step on
 * a leaf parameter; ops always return new tensors. {@link #data()} exposes the storage itself so
 * that kernels and optimizers work on plain arrays without copies.
 *
 * <p>Autograd: a leaf made with {@link #requiresGrad(boolean) requiresGrad(true)} collects, in
 * {@link #grad()}, the gradient of any scalar on which {@link #backward()} is called. Ops (in
 * {@code vaelab.autograd}) record their inputs and a {@link Backward} closure while
 * {@link GradMode} is enabled and an input requires a gradient.
 */
public final class Tensor {
    private final float[] data; // (shape), row-major
    private final Shape shape;
    private float[] grad; // same length as data; allocated on first use
    private boolean requiresGrad;
    private String opName; // the op that produced this tensor, for printing graphs
    private Tensor[] inputs; // null for leaves and after backward
    private Backward backwardFn; // null for leaves and after backward

    private Tensor(float[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException(
                    "data of length " + data.length + " does not fit shape " + shape + " of size " + shape.size());
        }
        this.data = data;
        this.shape = shape;
    }

    // ---- construction ----

    /** Wraps {@code data} without copying it. */
    public static Tensor of(float[] data, Shape shape) {
        return new Tensor(data, shape);
    }

    /** Wraps {@code data} without copying it. */
    public static Tensor of(float[] data, int... dims) {
        return new Tensor(data, Shape.of(dims));
    }

    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, Shape.scalar());
    }

    public static Tensor zeros(int... dims) {
        Shape s = Shape.of(dims);
        return new Tensor(new float[s.size()], s);
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(new float[shape.size()], shape);
    }

    public static Tensor full(float value, int... dims) {
        Tensor t = zeros(dims);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /** Standard normal entries from {@code rng}: the same seed gives the same bits. */
    public static Tensor randn(Rng rng, int... dims) {
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = rng.nextGaussian();
        }
        return t;
    }

    /** Entries uniform in [lo, hi) from {@code rng}. */
    public static Tensor uniform(Rng rng, float lo, float hi, int... dims) {
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return t;
    }

    /**
     * The output of an op. It joins the graph only when recording is on and an input needs a gradient;
     * otherwise the closure is dropped at once.
     */
    public static Tensor fromOp(String opName, float[] data, Shape shape, Backward backward, Tensor... inputs) {
        Tensor out = new Tensor(data, shape);
        out.opName = opName;
        if (GradMode.isEnabled()) {
            for (Tensor in : inputs) {
                if (in.requiresGrad) {
                    out.requiresGrad = true;
                    out.inputs = inputs;
                    out.backwardFn = backward;
                    break;
                }
            }
        }
        return out;
    }

    // ---- values ----

    /** The storage itself, row-major; writing to it changes this tensor. */
    public float[] data() {
        return data;
    }

    public Shape shape() {
        return shape;
    }

    public int[] dims() {
        return shape.dims();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    public int size() {
        return data.length;
    }

    /** The element at a full index, e.g. {@code get(i, j)} of a matrix. */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** The value of a tensor with one element. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, not shape " + shape);
        }
        return data[0];
    }

    private int offset(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " does not fit shape " + shape);
        }
        int[] strides = shape.strides();
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is outside shape " + shape);
            }
            off += index[i] * strides[i];
        }
        return off;
    }

    /** A new tensor with a copy of the values and no gradient history. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** The same values, cut from the graph: gradients do not flow through the result. */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    // ---- autograd ----

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf (a parameter or an input) whose gradient {@link #backward()} should compute. */
    public Tensor requiresGrad(boolean value) {
        if (backwardFn != null && !value) {
            throw new IllegalStateException("cannot stop an op's output from requiring a gradient; use detach()");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient, or null if no gradient has reached this tensor. */
    public float[] grad() {
        return grad;
    }

    /** The gradient as a tensor of this shape (zeros if none has arrived). */
    public Tensor gradTensor() {
        return new Tensor(grad == null ? new float[data.length] : grad.clone(), shape);
    }

    /** The gradient array, allocated as zeros on first use; ops' backward closures add into it. */
    public float[] gradBuffer() {
        if (grad == null) {
            grad = new float[data.length];
        }
        return grad;
    }

    /** Sets the accumulated gradient to zero, keeping the buffer for the next step. */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0f);
        }
    }

    /**
     * Computes the gradient of this scalar with respect to every tensor in its graph that requires one,
     * adding into their {@link #grad()}s, then releases the graph.
     */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() needs a scalar (one element), not shape " + shape
                    + "; reduce it first (e.g. sum) or pass the output's gradient to backward(Tensor)");
        }
        backward(new float[] {1f});
    }

    /**
     * Backward from a tensor of any shape, given the gradient of the loss with respect to it: the
     * vector-Jacobian product that {@link #backward()} computes with a seed of 1.
     */
    public void backward(Tensor gradient) {
        if (!gradient.shape().equals(shape)) {
            throw new IllegalArgumentException("backward: gradient of shape " + gradient.shape()
                    + " for a tensor of shape " + shape);
        }
        backward(gradient.data());
    }

    private void backward(float[] seed) {
        if (!requiresGrad) {
            throw new IllegalStateException(
                    "backward() on a tensor that does not require a gradient: no input had requiresGrad(true),"
                            + " or it was computed with GradMode disabled");
        }
        Backprop.run(this, seed);
    }

    /** The name of the op that produced this tensor, or null for a tensor made directly. */
    public String opName() {
        return opName;
    }

    /** The op's inputs while the graph is alive; empty for leaves and after backward. */
    public Tensor[] inputs() {
        return inputs == null ? new Tensor[0] : inputs;
    }

    Backward backwardFn() {
        return backwardFn;
    }

    void releaseGraph() {
        inputs = null;
        backwardFn = null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ');
        int shown = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(data[i]);
        }
        if (shown < data.length) {
            sb.append(", ... ").append(data.length - shown).append(" more");
        }
        sb.append(']');
        if (opName != null) {
            sb.append(" from ").append(opName);
        }
        return sb.toString();
    }
}
