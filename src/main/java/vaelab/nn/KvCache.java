package vaelab.nn;

import java.util.Arrays;
import vaelab.tensor.Tensor;

/**
 * The keys and values one attention layer has seen so far, for sampling one position at a time
 * without recomputing the earlier ones. Inference only: no gradient flows through it.
 */
public final class KvCache {
    private final int batch;
    private final int heads;
    private final int headDim;
    private final int capacity;
    private final float[] keys; // (B, H, capacity, D)
    private final float[] values; // (B, H, capacity, D)
    private final boolean[] keep; // (B, capacity)
    private int length;

    KvCache(int batch, int heads, int headDim, int capacity) {
        this.batch = batch;
        this.heads = heads;
        this.headDim = headDim;
        this.capacity = capacity;
        this.keys = new float[batch * heads * capacity * headDim];
        this.values = new float[keys.length];
        this.keep = new boolean[batch * capacity];
    }

    /** Positions held so far. */
    public int length() {
        return length;
    }

    /** Appends t positions of keys and values, (B, H, t, D) each; keep: B·t flags or null for all. */
    void append(float[] k, float[] v, boolean[] newKeep, int b, int t) {
        if (b != batch || length + t > capacity) {
            throw new IllegalStateException("the cache holds " + batch + " sequences of at most " + capacity
                    + " positions; cannot add " + b + " × " + t + " after " + length);
        }
        for (int s = 0; s < batch * heads; s++) {
            System.arraycopy(k, s * t * headDim, keys, (s * capacity + length) * headDim, t * headDim);
            System.arraycopy(v, s * t * headDim, values, (s * capacity + length) * headDim, t * headDim);
        }
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < t; j++) {
                keep[i * capacity + length + j] = newKeep == null || newKeep[i * t + j];
            }
        }
        length += t;
    }

    Tensor keys() {
        return Tensor.of(held(keys), batch, heads, length, headDim);
    }

    Tensor values() {
        return Tensor.of(held(values), batch, heads, length, headDim);
    }

    boolean[] keep() {
        boolean[] out = new boolean[batch * length];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(keep, i * capacity, out, i * length, length);
        }
        return out;
    }

    private float[] held(float[] all) {
        if (length == capacity) {
            return all;
        }
        float[] out = new float[batch * heads * length * headDim];
        for (int s = 0; s < batch * heads; s++) {
            System.arraycopy(all, s * capacity * headDim, out, s * length * headDim, length * headDim);
        }
        return out;
    }

    /** Forgets everything, for reuse with new sequences of the same batch size. */
    public void clear() {
        length = 0;
        Arrays.fill(keep, false);
    }
}
