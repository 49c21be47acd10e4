package vaelab.nn;

import static vaelab.autograd.Shaping.permute;

import java.util.ArrayList;
import java.util.List;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Residual vector quantisation (Zeghidour et al., 2021; Lee et al., 2022): each vector of the grid is
 * quantised by the first codebook, what that leaves (z − e¹) by the second, and so on; the vector the
 * decoder gets is the sum e¹ + e² + … . With L levels of K entries a cell says one of K^L things for
 * L codes, where one codebook of K^L entries could never be filled.
 *
 * <ul>
 *   <li>Codes: L per cell, the cell's levels together: code (m·L + l) is level l of row m.</li>
 *   <li>Backward, straight through as in {@link VectorQuantizer}: z_q = z + sg(Σₗ eˡ − z).</li>
 *   <li>Commitment: ‖z − sg(Σₗ eˡ)‖², the distance of the encoder to the picture the codes make.</li>
 *   <li>Each level's codebook follows the moving average of the residuals it is given
 *       ({@link VectorQuantizer#quantize}), with its own restarts of dead codes.</li>
 * </ul>
 * One level is exactly a {@link VectorQuantizer}: the same codes, vectors and loss bit for bit.
 */
public final class ResidualQuantizer extends Module {
    private final List<VectorQuantizer> levels = new ArrayList<>(); // L codebooks of (K, D)
    private final int codes; // K, per level
    private final int dim; // D

    public ResidualQuantizer(int depth, int codes, int dim, float decay, Rng rng) {
        if (depth < 1) {
            throw new IllegalArgumentException("a residual quantizer needs at least one level, got " + depth);
        }
        for (int l = 0; l < depth; l++) {
            levels.add(child("level" + l, new VectorQuantizer(codes, dim, decay, rng)));
        }
        this.codes = codes;
        this.dim = dim;
    }

    /** z: (N, D, h, w) → quantized (N, D, h, w), codes (N·h·w·L), and the commitment term. */
    public VectorQuantizer.Quantized forward(Tensor z) {
        Tensor rows = VectorQuantizer.rows(z, dim, this); // (M, D)
        int[] assigned = new int[rows.dim(0) * depth()];
        float[] sum = quantize(rows.data(), assigned, isTraining());
        return VectorQuantizer.straightThrough(rows, sum, assigned, z.dim(0), z.dim(2), z.dim(3));
    }

    /**
     * Σₗ eˡ of rows (M, D), level after level on what the levels before left; codes into
     * {@code assigned} (M·L). With {@code learn} each level's codebook then moves towards its residuals.
     */
    private float[] quantize(float[] rows, int[] assigned, boolean learn) {
        int m = rows.length / dim;
        int depth = depth();
        float[] residual = rows.clone();
        float[] sum = null;
        int[] level = new int[m];
        for (int l = 0; l < depth; l++) {
            VectorQuantizer v = levels.get(l);
            float[] q;
            if (learn) {
                q = v.quantize(residual, level);
            } else {
                System.arraycopy(v.nearest(residual), 0, level, 0, m);
                q = v.lookup(level);
            }
            if (sum == null) {
                sum = q.clone(); // not 0 + q: one level keeps VectorQuantizer's bits, signs of zeros too
            } else {
                for (int i = 0; i < q.length; i++) {
                    sum[i] += q[i];
                }
            }
            for (int i = 0; i < q.length; i++) {
                residual[i] -= q[i];
            }
            for (int i = 0; i < m; i++) {
                assigned[i * depth + l] = level[i];
            }
        }
        return sum;
    }

    /** The codes (M·L) of rows (M, D), without moving any codebook. */
    public int[] nearest(float[] rows) {
        int[] out = new int[rows.length / dim * depth()];
        quantize(rows, out, false);
        return out;
    }

    /** The vectors Σₗ eˡ of codes (M·L): (M, D). */
    public float[] lookup(int[] ids) {
        int depth = depth();
        if (ids.length % depth != 0) {
            throw new IllegalArgumentException(ids.length + " codes are not whole cells of " + depth + " levels");
        }
        int m = ids.length / depth;
        float[] sum = null;
        int[] level = new int[m];
        for (int l = 0; l < depth; l++) {
            for (int i = 0; i < m; i++) {
                level[i] = ids[i * depth + l];
            }
            float[] q = levels.get(l).lookup(level);
            if (sum == null) {
                sum = q;
            } else {
                for (int i = 0; i < q.length; i++) {
                    sum[i] += q[i];
                }
            }
        }
        return sum;
    }

    /** The vectors of grids of codes (N·h·w·L), as the decoder takes them: (N, D, h, w). */
    public Tensor vectors(int[] ids, int n, int h, int w) {
        if (ids.length != n * h * w * depth()) {
            throw new IllegalArgumentException(ids.length + " codes do not fill " + n + " grids of " + h + " × " + w + " × "
                    + depth() + " levels");
        }
        return permute(Tensor.of(lookup(ids), n, h, w, dim), 0, 3, 1, 2);
    }

    /** Codes (M·L) numbered across the L codebooks, level l's entry k as l·K + k: one id per entry of all of them. */
    public int[] acrossLevels(int[] ids) {
        int depth = depth();
        int[] out = new int[ids.length];
        for (int j = 0; j < ids.length; j++) {
            out[j] = (j % depth) * codes + ids[j];
        }
        return out;
    }

    /** L, the codes of one cell. */
    public int depth() {
        return levels.size();
    }

    /** K, the entries of each level's codebook. */
    public int codes() {
        return codes;
    }

    public int dim() {
        return dim;
    }

    public VectorQuantizer level(int l) {
        return levels.get(l);
    }

    @Override
    public String describe() {
        return "ResidualQuantizer(" + depth() + " levels of " + codes + " × " + dim + ")";
    }
}
