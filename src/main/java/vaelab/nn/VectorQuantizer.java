package vaelab.nn;

import static vaelab.autograd.Shaping.permute;
import static vaelab.autograd.Shaping.reshape;

import vaelab.autograd.Arithmetic;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.tensor.Gemm;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Vector quantisation (van den Oord et al., 2017) with an exponential-moving-average codebook
 * (Razavi et al., 2019): each vector of the encoder's grid is replaced by its nearest codebook entry.
 *
 * <ul>
 *   <li>Forward: k = argminⱼ ‖z − eⱼ‖², z_q = e_k.</li>
 *   <li>Backward, straight through: z_q is computed as z + sg(e_k − z), so the decoder's gradient
 *       reaches the encoder unchanged.</li>
 *   <li>Commitment: ‖z − sg(e_k)‖² (mean over elements) keeps the encoder near its codes.</li>
 *   <li>The codebook is not trained by gradient: in training mode each entry moves to the moving
 *       average of the vectors assigned to it (decay γ), N_k ← γN_k + (1−γ)n_k,
 *       S_k ← γS_k + (1−γ)Σz, e_k = S_k / N_k (with Laplace smoothing of N).</li>
 *   <li>Dead codes: an entry whose average count N_k falls below {@link #RESTART_BELOW} is restarted
 *       at a random vector of the batch, so the whole codebook stays in use.</li>
 * </ul>
 * The first training batch initialises the codebook with random vectors of that batch.
 */
public final class VectorQuantizer extends Module {
    /** An entry used less than this often per batch (as a moving average) is restarted. */
    public static final float RESTART_BELOW = 1f;
    private static final float EPS = 1e-5f;

    private final int codes; // K
    private final int dim; // D
    private final float decay;
    private final Tensor codebook; // (K, D)
    private final Tensor counts; // (K): the moving average N_k
    private final Tensor sums; // (K, D): the moving average S_k
    private final Tensor initialised; // (1): 1 once the first batch has set the codebook
    private final Rng rng; // restarts and the first codebook

    public VectorQuantizer(int codes, int dim, float decay, Rng rng) {
        if (codes < 2 || dim < 1 || !(decay > 0f && decay < 1f)) {
            throw new IllegalArgumentException("VectorQuantizer needs >= 2 codes, a positive dimension and a decay in (0, 1), got "
                    + codes + ", " + dim + ", " + decay);
        }
        this.codes = codes;
        this.dim = dim;
        this.decay = decay;
        this.codebook = buffer("codebook", Tensor.randn(rng, codes, dim));
        this.counts = buffer("counts", Tensor.zeros(codes));
        this.sums = buffer("sums", Tensor.zeros(codes, dim));
        this.initialised = buffer("initialised", Tensor.zeros(1));
        this.rng = new Rng(rng.nextLong());
    }

    /** The grid's codes, its quantised vectors (straight-through) and the commitment term. */
    public record Quantized(Tensor vectors, int[] codes, Tensor commitment) {
    }

    /** z: (N, D, h, w) from the encoder → quantized (N, D, h, w), codes (N·h·w, row-major over n, y, x). */
    public Quantized forward(Tensor z) {
        Tensor rows = rows(z, dim, this);
        int[] assigned = new int[rows.dim(0)];
        float[] q = quantize(rows.data(), assigned);
        return straightThrough(rows, q, assigned, z.dim(0), z.dim(2), z.dim(3));
    }

    /** The grid z (N, D, h, w) as rows (N·h·w, D), one per cell, checked to have D channels. */
    static Tensor rows(Tensor z, int dim, Module who) {
        if (z.rank() != 4 || z.dim(1) != dim) {
            throw new IllegalArgumentException(who.describe() + " needs inputs of shape (N, " + dim + ", h, w), got " + z.shape());
        }
        return reshape(permute(z, 0, 2, 3, 1), z.dim(0) * z.dim(2) * z.dim(3), dim);
    }

    /**
     * The graph's side of quantisation, for rows (M, D) of a grid (n, h, w) and the vectors q (M, D)
     * that replace them: z + sg(q − z), back in the decoder's layout (n, D, h, w), and the commitment
     * ‖z − sg(q)‖² (mean over elements).
     */
    static Quantized straightThrough(Tensor rows, float[] q, int[] codes, int n, int h, int w) {
        int dim = rows.dim(1);
        float[] shift = new float[q.length]; // q − z, a constant to the graph
        for (int i = 0; i < q.length; i++) {
            shift[i] = q[i] - rows.data()[i];
        }
        Tensor straight = Arithmetic.add(rows, Tensor.of(shift, rows.shape()));
        Tensor commitment = Losses.mse(rows, Tensor.of(q, rows.shape()), Reduction.MEAN);
        Tensor vectors = permute(reshape(straight, n, h, w, dim), 0, 3, 1, 2);
        return new Quantized(vectors, codes, commitment);
    }

    /**
     * The entries nearest to rows (M, D), their indices written to {@code assigned} (M); in training
     * mode the codebook then moves towards the rows (the entries returned are those before the move).
     * No graph: {@link ResidualQuantizer} calls it on residuals it builds itself.
     */
    public float[] quantize(float[] rows, int[] assigned) {
        if (isTraining() && initialised.data()[0] == 0f) {
            initialise(rows);
        }
        int[] nearest = nearest(rows);
        System.arraycopy(nearest, 0, assigned, 0, nearest.length);
        float[] q = lookup(nearest);
        if (isTraining()) {
            update(rows, nearest);
        }
        return q;
    }

    /** The nearest entry of each row (M, D): argmin ‖e‖² − 2 z·e, the lowest index on a tie. */
    public int[] nearest(float[] rows) {
        int m = rows.length / dim;
        float[] dots = new float[m * codes];
        Gemm.nt(m, codes, dim, rows, 0, codebook.data(), 0, dots, 0, false);
        float[] e = codebook.data();
        float[] norms = new float[codes];
        for (int k = 0; k < codes; k++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += e[k * dim + j] * e[k * dim + j];
            }
            norms[k] = (float) s;
        }
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            int best = 0;
            float bestDistance = Float.POSITIVE_INFINITY;
            for (int k = 0; k < codes; k++) {
                float d = norms[k] - 2f * dots[i * codes + k];
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The entries of {@code ids}, row after row: (ids.length, D). */
    public float[] lookup(int[] ids) {
        float[] out = new float[ids.length * dim];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= codes) {
                throw new IllegalArgumentException("code " + ids[i] + " is outside the codebook of " + codes);
            }
            System.arraycopy(codebook.data(), ids[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    /** The vectors of a grid of codes (N·h·w, row-major), as the decoder takes them: (N, D, h, w). */
    public Tensor vectors(int[] ids, int n, int h, int w) {
        if (ids.length != n * h * w) {
            throw new IllegalArgumentException(ids.length + " codes do not fill " + n + " grids of " + h + " × " + w);
        }
        return permute(Tensor.of(lookup(ids), n, h, w, dim), 0, 3, 1, 2);
    }

    private void initialise(float[] rows) {
        int m = rows.length / dim;
        float[] e = codebook.data();
        for (int k = 0; k < codes; k++) {
            System.arraycopy(rows, rng.nextInt(m) * dim, e, k * dim, dim);
        }
        // Each entry starts as if it had been used its fair share, so none is restarted at once.
        float share = (float) m / codes;
        java.util.Arrays.fill(counts.data(), share);
        for (int i = 0; i < e.length; i++) {
            sums.data()[i] = e[i] * share;
        }
        initialised.data()[0] = 1f;
    }

    private void update(float[] rows, int[] assigned) {
        int m = assigned.length;
        float[] n = new float[codes];
        float[] s = new float[codes * dim];
        for (int i = 0; i < m; i++) {
            int k = assigned[i];
            n[k] += 1f;
            for (int j = 0; j < dim; j++) {
                s[k * dim + j] += rows[i * dim + j];
            }
        }
        float[] count = counts.data();
        float[] sum = sums.data();
        float[] e = codebook.data();
        double total = 0;
        for (int k = 0; k < codes; k++) {
            count[k] = decay * count[k] + (1 - decay) * n[k];
            total += count[k];
            for (int j = 0; j < dim; j++) {
                sum[k * dim + j] = decay * sum[k * dim + j] + (1 - decay) * s[k * dim + j];
            }
        }
        float share = (float) (total / codes);
        for (int k = 0; k < codes; k++) {
            if (count[k] < RESTART_BELOW) {
                // Restarted with an average entry's count: it has as long to find users as any other.
                int source = rng.nextInt(m);
                System.arraycopy(rows, source * dim, e, k * dim, dim);
                for (int j = 0; j < dim; j++) {
                    sum[k * dim + j] = e[k * dim + j] * share;
                }
                count[k] = share;
                continue;
            }
            float smoothed = (float) ((count[k] + EPS) / (total + codes * EPS) * total);
            for (int j = 0; j < dim; j++) {
                e[k * dim + j] = sum[k * dim + j] / smoothed;
            }
        }
    }

    public int codes() {
        return codes;
    }

    public int dim() {
        return dim;
    }

    /** The generator of restarts, whose state a checkpoint saves. */
    public Rng rng() {
        return rng;
    }

    @Override
    public String describe() {
        return "VectorQuantizer(" + codes + " × " + dim + ", EMA " + decay + ")";
    }
}
