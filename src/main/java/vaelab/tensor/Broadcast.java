package vaelab.tensor;

/**
 * NumPy-style broadcasting on plain arrays: reading a smaller tensor as a larger one (forward), and
 * summing a gradient of the larger shape back onto the smaller one (backward). The two are each
 * other's adjoint, which is why a broadcasting op's backward is its elementwise rule plus
 * {@link #sumTo}.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * The values of {@code x} (of shape {@code from}) repeated to fill {@code to}. Returns {@code x}
     * itself when the shapes are equal, so callers must not write to the result.
     */
    public static float[] expand(float[] x, Shape from, Shape to) {
        if (from.equals(to)) {
            return x;
        }
        requireBroadcastable(from, to);
        float[] out = new float[to.size()];
        if (out.length == 0) {
            return out;
        }
        int[] strides = from.broadcastStrides(to);
        int[] dims = to.dims();
        int rank = dims.length;
        int[] index = new int[rank];
        int src = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = x[src];
            // Odometer: advance the last index, carrying into earlier ones, keeping src in step.
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                src += strides[d];
                if (index[d] < dims[d]) {
                    break;
                }
                src -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /**
     * Adds {@code g} (of shape {@code from}, the broadcast shape) into {@code dst} (of shape
     * {@code to}), summing over the dimensions that broadcasting repeated.
     */
    public static void sumTo(float[] g, Shape from, Shape to, float[] dst) {
        if (from.equals(to)) {
            for (int i = 0; i < g.length; i++) {
                dst[i] += g[i];
            }
            return;
        }
        requireBroadcastable(to, from);
        if (g.length == 0) {
            return;
        }
        int[] strides = to.broadcastStrides(from);
        int[] dims = from.dims();
        int rank = dims.length;
        int[] index = new int[rank];
        int dstIndex = 0;
        for (int i = 0; i < g.length; i++) {
            dst[dstIndex] += g[i];
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                dstIndex += strides[d];
                if (index[d] < dims[d]) {
                    break;
                }
                dstIndex -= strides[d] * index[d];
                index[d] = 0;
            }
        }
    }

    private static void requireBroadcastable(Shape small, Shape big) {
        if (small.rank() > big.rank() || !Shape.broadcast(small, big).equals(big)) {
            throw new IllegalArgumentException("shape " + small + " cannot be broadcast to " + big);
        }
    }
}
