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
        int block = trailingBlock(from, to);
        if (block > 0) {
            // The common case of a bias: x repeats whole, once per leading index.
            for (int at = 0; at < out.length; at += block) {
                System.arraycopy(x, 0, out, at, block);
            }
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
        int block = trailingBlock(to, from);
        if (block > 0) {
            // A bias's gradient: the blocks summed in order, the same order as the general loop.
            for (int at = 0; at < g.length; at += block) {
                for (int j = 0; j < block; j++) {
                    dst[j] += g[at + j];
                }
            }
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

    /**
     * The size of {@code small} when it is {@code big}'s trailing dimensions (after any leading 1s),
     * so that broadcasting repeats it as one contiguous block; 0 otherwise.
     */
    static int trailingBlock(Shape small, Shape big) {
        int[] s = small.dims();
        int[] b = big.dims();
        int first = 0;
        while (first < s.length && s[first] == 1) {
            first++;
        }
        int k = s.length - first;
        if (k == 0 || k > b.length || small.size() == 0) {
            return 0;
        }
        for (int i = 0; i < k; i++) {
            if (s[first + i] != b[b.length - k + i]) {
                return 0;
            }
        }
        return small.size();
    }

    private static void requireBroadcastable(Shape small, Shape big) {
        if (small.rank() > big.rank() || !Shape.broadcast(small, big).equals(big)) {
            throw new IllegalArgumentException("shape " + small + " cannot be broadcast to " + big);
        }
    }
}
