package vaelab.autograd;

import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * The KL divergence of a diagonal Gaussian q = N(mu, e^logvar) from the standard normal p = N(0, I),
 * in closed form, elementwise: KL = −½(1 + logvar − mu² − e^logvar).
 * dKL/dmu = mu; dKL/dlogvar = ½(e^logvar − 1).
 */
public final class KlDivergence {
    /**
     * The largest logvar fed to exp. e^50 ≈ 5·10²¹, so even a sum over 2³¹ elements stays below
     * float's 3.4·10³⁸; no trained model comes near a variance that large, and above the limit the
     * gradient still points down (it is ½(e^50 − 1)), so training recovers instead of turning to NaN.
     */
    public static final float LOGVAR_LIMIT = 50f;

    private KlDivergence() {
    }

    /** KL(N(mu, e^logvar) ‖ N(0, I)) per element, reduced as {@code reduction} says. */
    public static Tensor standardNormal(Tensor mu, Tensor logvar, Reduction reduction) {
        Losses.requireSameShape("KL divergence", mu, logvar);
        float[] m = mu.data();
        float[] lv = logvar.data();
        float[] var = new float[m.length];
        float[] kl = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            var[i] = (float) Math.exp(Math.min(lv[i], LOGVAR_LIMIT));
            kl[i] = -0.5f * (1f + lv[i] - m[i] * m[i] - var[i]);
        }
        Shape in = mu.shape();
        return Tensor.fromOp("klStandardNormal", reduction.reduce(kl, in), reduction.outShape(in), g -> {
            float[] up = reduction.upstream(g, in);
            if (mu.requiresGrad()) {
                float[] gm = mu.gradBuffer();
                for (int i = 0; i < m.length; i++) {
                    gm[i] += up[i] * m[i];
                }
            }
            if (logvar.requiresGrad()) {
                float[] gl = logvar.gradBuffer();
                for (int i = 0; i < m.length; i++) {
                    gl[i] += up[i] * 0.5f * (var[i] - 1f);
                }
            }
        }, mu, logvar);
    }
}
