package vaelab.autograd;

import vaelab.tensor.Gemm;
import vaelab.tensor.Parallel;
import vaelab.tensor.Tensor;

/**
 * Scaled dot-product attention of many heads at once, on the batched GEMM.
 *
 * <p>Forward, for each batch entry and head: S = Q·Kᵀ/√d, P = softmax of each row of S over the
 * keys it may see, O = P·V. Backward: dV = Pᵀ·dO, dP = dO·Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)),
 * dQ = dS·K/√d, dK = dSᵀ·Q/√d — the same three GEMM layouts as a matmul's, and the softmax's own
 * backward.
 *
 * <p>Two masks say which keys a query sees. The causal mask lets query i see keys j ≤ i + (Tk − Tq),
 * so a cached decoding step (one query, all earlier keys) is the last row of the full product. The
 * key mask {@code keep} (batch, Tk) drops padding keys. A query that sees no key gets zeros.
 */
public final class Attention {
    private Attention() {
    }

    /**
     * q: (B, H, Tq, D); k, v: (B, H, Tk, D) with Tk ≥ Tq when causal; keep: B·Tk flags, row-major
     * (batch, key), true where the key may be seen, or null for all. Returns (B, H, Tq, D).
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, boolean causal, boolean[] keep) {
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4 || !k.shape().equals(v.shape())
                || q.dim(0) != k.dim(0) || q.dim(1) != k.dim(1) || q.dim(3) != k.dim(3)) {
            throw new IllegalArgumentException("attention needs q (B, H, Tq, D) and k, v (B, H, Tk, D), got "
                    + q.shape() + ", " + k.shape() + ", " + v.shape());
        }
        int batch = q.dim(0);
        int heads = q.dim(1);
        int tq = q.dim(2);
        int tk = k.dim(2);
        int d = q.dim(3);
        if (causal && tk < tq) {
            throw new IllegalArgumentException("causal attention needs at least as many keys as queries, got " + tk + " < " + tq);
        }
        if (keep != null && keep.length != batch * tk) {
            throw new IllegalArgumentException("attention: the key mask has " + keep.length + " flags for " + batch + " × " + tk + " keys");
        }
        float scale = (float) (1 / Math.sqrt(d));
        int offset = tk - tq;
        int groups = batch * heads;
        float[] qd = q.data();
        float[] kd = k.data();
        float[] vd = v.data();
        float[] p = new float[groups * tq * tk]; // (B, H, Tq, Tk): the attention weights, kept for the backward
        float[] out = new float[groups * tq * d];
        forEachGroup(groups, g -> {
            int pOff = g * tq * tk;
            Gemm.nt(tq, tk, d, qd, g * tq * d, kd, g * tk * d, p, pOff, false);
            softmaxRows(p, pOff, tq, tk, scale, causal, offset, keep, (g / heads) * tk);
            Gemm.nn(tq, d, tk, p, pOff, vd, g * tk * d, out, g * tq * d, false);
        });
        return Tensor.fromOp("attention", out, q.shape(), dOut -> {
            float[] gq = q.requiresGrad() ? q.gradBuffer() : null;
            float[] gk = k.requiresGrad() ? k.gradBuffer() : null;
            float[] gv = v.requiresGrad() ? v.gradBuffer() : null;
            forEachGroup(groups, g -> {
                int pOff = g * tq * tk;
                if (gv != null) {
                    Gemm.tn(tk, d, tq, p, pOff, dOut, g * tq * d, gv, g * tk * d, true);
                }
                if (gq == null && gk == null) {
                    return;
                }
                float[] ds = new float[tq * tk];
                Gemm.nt(tq, tk, d, dOut, g * tq * d, vd, g * tk * d, ds, 0, false); // dP
                for (int i = 0; i < tq; i++) {
                    double dot = 0;
                    for (int j = 0; j < tk; j++) {
                        dot += ds[i * tk + j] * p[pOff + i * tk + j];
                    }
                    for (int j = 0; j < tk; j++) {
                        ds[i * tk + j] = p[pOff + i * tk + j] * (ds[i * tk + j] - (float) dot) * scale;
                    }
                }
                if (gq != null) {
                    Gemm.nn(tq, d, tk, ds, 0, kd, g * tk * d, gq, g * tq * d, true);
                }
                if (gk != null) {
                    Gemm.tn(tk, d, tq, ds, 0, qd, g * tq * d, gk, g * tk * d, true);
                }
            });
        }, q, k, v);
    }

    /** Scales row i of the scores, masks the keys it may not see and softmaxes the rest, in place. */
    private static void softmaxRows(float[] s, int off, int rows, int cols, float scale, boolean causal, int offset,
                                    boolean[] keep, int keepOff) {
        for (int i = 0; i < rows; i++) {
            int row = off + i * cols;
            int visible = causal ? Math.min(cols, i + offset + 1) : cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < visible; j++) {
                if (keep == null || keep[keepOff + j]) {
                    max = Math.max(max, s[row + j] * scale);
                }
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                boolean seen = j < visible && (keep == null || keep[keepOff + j]);
                float e = seen ? (float) Math.exp(s[row + j] * scale - max) : 0f;
                s[row + j] = e;
                sum += e;
            }
            float inv = sum > 0 ? (float) (1 / sum) : 0f;
            for (int j = 0; j < cols; j++) {
                s[row + j] *= inv;
            }
        }
    }

    /** Runs the (batch, head) groups in contiguous shares, one per compute thread; each writes only its own rows. */
    private static void forEachGroup(int groups, java.util.function.IntConsumer body) {
        int tasks = Math.min(groups, Parallel.threads());
        Parallel.forEach(tasks, t -> {
            for (int g = groups * t / tasks; g < groups * (t + 1) / tasks; g++) {
                body.accept(g);
            }
        });
    }
}
