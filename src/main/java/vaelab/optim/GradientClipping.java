package vaelab.optim;

import java.util.List;
import vaelab.tensor.Tensor;

/** Rescales gradients whose combined size is too large, which keeps one bad batch from wrecking training. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * If the global L2 norm of all gradients exceeds {@code maxNorm}, scales every gradient by
     * maxNorm/norm. Returns the norm before clipping (useful to log).
     */
    public static double clipGlobalNorm(List<Tensor> params, double maxNorm) {
        double sq = 0;
        for (Tensor p : params) {
            float[] g = p.grad();
            if (g != null) {
                for (float x : g) {
                    sq += (double) x * x;
                }
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm && norm > 0) {
            float scale = (float) (maxNorm / norm);
            for (Tensor p : params) {
                float[] g = p.grad();
                if (g != null) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale;
                    }
                }
            }
        }
        return norm;
    }
}
