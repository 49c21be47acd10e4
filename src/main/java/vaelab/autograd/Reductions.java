package vaelab.autograd;

import vaelab.tensor.Broadcast;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/** sum, mean and max, over all elements or over chosen axes. */
public final class Reductions {
    private Reductions() {
    }

    /** The sum of all elements, as a scalar, accumulated in double; d/dxᵢ = 1. */
    public static Tensor sum(Tensor a) {
        float[] x = a.data();
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return Tensor.fromOp("sum", new float[] {(float) s}, Shape.scalar(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < ga.length; i++) {
                ga[i] += g[0];
            }
        }, a);
    }

    /** The mean of all elements, as a scalar; d/dxᵢ = 1/n. */
    public static Tensor mean(Tensor a) {
        return Arithmetic.mul(sum(a), 1f / a.size());
    }

    /**
     * The sum over {@code axes}. With {@code keepDims} the reduced axes stay as size 1, so the result
     * broadcasts against the input; without, they are removed. The gradient copies dy to every
     * element that was summed.
     */
    public static Tensor sum(Tensor a, boolean keepDims, int... axes) {
        if (axes.length == 0) {
            throw new IllegalArgumentException("sum over axes needs at least one axis; use sum(a) for all elements");
        }
        Shape in = a.shape();
        Shape kept = keptShape(in, axes);
        float[] y = new float[kept.size()];
        Broadcast.sumTo(a.data(), in, kept, y);
        Shape out = keepDims ? kept : removedShape(in, axes);
        return Tensor.fromOp("sumAxes", y, out, g -> {
            float[] spread = Broadcast.expand(g, kept, in);
            float[] ga = a.gradBuffer();
            for (int i = 0; i < ga.length; i++) {
                ga[i] += spread[i];
            }
        }, a);
    }

    /** The mean over {@code axes}; see {@link #sum(Tensor, boolean, int...)}. */
    public static Tensor mean(Tensor a, boolean keepDims, int... axes) {
        Shape in = a.shape();
        int count = in.size() / Math.max(1, keptShape(in, axes).size());
        return Arithmetic.mul(sum(a, keepDims, axes), 1f / Math.max(1, count));
    }

    /**
     * The maximum along {@code axis}. The gradient goes to the first position holding the maximum
     * (a subgradient where values tie).
     */
    public static Tensor max(Tensor a, int axis, boolean keepDims) {
        Shape in = a.shape();
        int ax = in.normalizeAxis(axis);
        int outer = in.sizeBefore(ax);
        int n = in.dim(ax);
        int inner = in.sizeAfter(ax);
        if (n == 0) {
            throw new IllegalArgumentException("max over axis " + axis + " of size 0 in shape " + in);
        }
        float[] x = a.data();
        float[] y = new float[outer * inner];
        int[] arg = new int[outer * inner]; // flat index into x of each maximum
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                int best = base;
                for (int i = 1; i < n; i++) {
                    int idx = base + i * inner;
                    if (x[idx] > x[best]) {
                        best = idx;
                    }
                }
                y[o * inner + j] = x[best];
                arg[o * inner + j] = best;
            }
        }
        Shape out = keepDims ? in.withDim(ax, 1) : removedShape(in, ax);
        return Tensor.fromOp("max", y, out, g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[arg[i]] += g[i];
            }
        }, a);
    }

    /** The maximum of all elements, as a scalar. */
    public static Tensor max(Tensor a) {
        return max(Shaping.reshape(a, a.size()), 0, false);
    }

    static Shape keptShape(Shape in, int... axes) {
        int[] dims = in.dims();
        for (int axis : axes) {
            dims[in.normalizeAxis(axis)] = 1;
        }
        return Shape.of(dims);
    }

    static Shape removedShape(Shape in, int... axes) {
        boolean[] drop = new boolean[in.rank()];
        for (int axis : axes) {
            drop[in.normalizeAxis(axis)] = true;
        }
        int kept = 0;
        for (boolean d : drop) {
            kept += d ? 0 : 1;
        }
        int[] dims = new int[kept];
        int k = 0;
        for (int i = 0; i < drop.length; i++) {
            if (!drop[i]) {
                dims[k++] = in.dim(i);
            }
        }
        return Shape.of(dims);
    }
}
