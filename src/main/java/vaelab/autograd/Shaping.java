package vaelab.autograd;

import java.util.Arrays;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * Ops that move values without changing them: reshape, permute, transpose, concat, slice and
 * gather by index. Each backward sends every gradient element back to where its value came from.
 */
public final class Shaping {
    private Shaping() {
    }

    /**
     * The same values in a new shape with the same number of elements; one dimension may be −1 and
     * is then inferred. Shares the storage, since tensors are not changed in place.
     */
    public static Tensor reshape(Tensor a, int... dims) {
        Shape out = Shape.of(inferDims(a.shape(), dims));
        return Tensor.fromOp("reshape", a.data(), out, g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i];
            }
        }, a);
    }

    /** Keeps axis 0 and flattens the rest: (n, …) → (n, product of the rest). */
    public static Tensor flatten(Tensor a) {
        if (a.rank() == 0) {
            throw new IllegalArgumentException("flatten needs a tensor of rank 1 or more, got a scalar");
        }
        return reshape(a, a.dim(0), a.shape().sizeAfter(0));
    }

    /** Reorders the axes: output axis i is input axis {@code order[i]}. Copies. */
    public static Tensor permute(Tensor a, int... order) {
        Shape in = a.shape();
        int rank = in.rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute order " + Arrays.toString(order) + " does not fit shape " + in);
        }
        int[] inStrides = in.strides();
        int[] outDims = new int[rank];
        int[] strides = new int[rank]; // input stride of each output axis
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int axis = in.normalizeAxis(order[i]);
            if (seen[axis]) {
                throw new IllegalArgumentException("permute order " + Arrays.toString(order) + " repeats axis " + axis);
            }
            seen[axis] = true;
            outDims[i] = in.dim(axis);
            strides[i] = inStrides[axis];
        }
        Shape out = Shape.of(outDims);
        int[] source = sourceOffsets(outDims, strides);
        float[] x = a.data();
        float[] y = new float[source.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[source[i]];
        }
        return Tensor.fromOp("permute", y, out, g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[source[i]] += g[i];
            }
        }, a);
    }

    /** Swaps two axes. */
    public static Tensor transpose(Tensor a, int axis1, int axis2) {
        int[] order = new int[a.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int i1 = a.shape().normalizeAxis(axis1);
        int i2 = a.shape().normalizeAxis(axis2);
        order[i1] = i2;
        order[i2] = i1;
        return permute(a, order);
    }

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Shape first = parts[0].shape();
        int ax = first.normalizeAxis(axis);
        int total = 0;
        for (Tensor p : parts) {
            if (p.rank() != first.rank() || !p.shape().withDim(ax, 1).equals(first.withDim(ax, 1))) {
                throw new IllegalArgumentException("concat along axis " + axis + ": shape " + p.shape()
                        + " does not match " + first);
            }
            total += p.dim(ax);
        }
        Shape out = first.withDim(ax, total);
        int outer = first.sizeBefore(ax);
        int inner = first.sizeAfter(ax);
        float[] y = new float[out.size()];
        int rowOut = total * inner;
        int offset = 0; // where each part starts inside one output row
        int[] starts = new int[parts.length];
        for (int p = 0; p < parts.length; p++) {
            starts[p] = offset;
            int len = parts[p].dim(ax) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(parts[p].data(), o * len, y, o * rowOut + offset, len);
            }
            offset += len;
        }
        return Tensor.fromOp("concat", y, out, g -> {
            for (int p = 0; p < parts.length; p++) {
                if (!parts[p].requiresGrad()) {
                    continue;
                }
                float[] gp = parts[p].gradBuffer();
                int len = parts[p].dim(ax) * inner;
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < len; j++) {
                        gp[o * len + j] += g[o * rowOut + starts[p] + j];
                    }
                }
            }
        }, parts);
    }

    /** Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}. Copies. */
    public static Tensor slice(Tensor a, int axis, int start, int end) {
        Shape in = a.shape();
        int ax = in.normalizeAxis(axis);
        int n = in.dim(ax);
        if (start < 0 || end > n || start > end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") is outside axis " + axis
                    + " of size " + n + " in shape " + in);
        }
        int outer = in.sizeBefore(ax);
        int inner = in.sizeAfter(ax);
        int len = (end - start) * inner;
        float[] x = a.data();
        float[] y = new float[outer * len];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * n + start) * inner, y, o * len, len);
        }
        return Tensor.fromOp("slice", y, in.withDim(ax, end - start), g -> {
            float[] ga = a.gradBuffer();
            for (int o = 0; o < outer; o++) {
                int src = (o * n + start) * inner;
                for (int j = 0; j < len; j++) {
                    ga[src + j] += g[o * len + j];
                }
            }
        }, a);
    }

    /**
     * Picks entries {@code indices} along {@code axis}, in that order and with repeats allowed, e.g.
     * embedding rows for token ids. The gradient of a repeated index is the sum over its uses.
     */
    public static Tensor gather(Tensor a, int axis, int[] indices) {
        Shape in = a.shape();
        int ax = in.normalizeAxis(axis);
        int n = in.dim(ax);
        for (int index : indices) {
            if (index < 0 || index >= n) {
                throw new IndexOutOfBoundsException("gather index " + index + " is outside axis " + axis
                        + " of size " + n + " in shape " + in);
            }
        }
        int outer = in.sizeBefore(ax);
        int inner = in.sizeAfter(ax);
        int k = indices.length;
        float[] x = a.data();
        float[] y = new float[outer * k * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < k; i++) {
                System.arraycopy(x, (o * n + indices[i]) * inner, y, (o * k + i) * inner, inner);
            }
        }
        int[] idx = indices.clone();
        return Tensor.fromOp("gather", y, in.withDim(ax, k), g -> {
            float[] ga = a.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < k; i++) {
                    int src = (o * n + idx[i]) * inner;
                    int dst = (o * k + i) * inner;
                    for (int j = 0; j < inner; j++) {
                        ga[src + j] += g[dst + j];
                    }
                }
            }
        }, a);
    }

    private static int[] inferDims(Shape in, int[] dims) {
        int[] out = dims.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape " + in + " to " + Arrays.toString(dims) + ": only one -1 allowed");
                }
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape " + in + " to " + Arrays.toString(dims) + ": negative dimension");
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || in.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + in + " of size " + in.size() + " to " + Arrays.toString(dims));
            }
            out[unknown] = (int) (in.size() / known);
        } else if (known != in.size()) {
            throw new IllegalArgumentException("cannot reshape " + in + " of size " + in.size() + " to " + Arrays.toString(dims));
        }
        return out;
    }

    /** For each element of a row-major array of {@code dims}, its offset under {@code strides}. */
    private static int[] sourceOffsets(int[] dims, int[] strides) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        int[] source = new int[size];
        int[] index = new int[dims.length];
        int src = 0;
        for (int i = 0; i < size; i++) {
            source[i] = src;
            for (int d = dims.length - 1; d >= 0; d--) {
                index[d]++;
                src += strides[d];
                if (index[d] < dims[d]) {
                    break;
                }
                src -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return source;
    }
}
