package vaelab.autograd;

import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * KL divergences of diagonal Gaussians in closed form, elementwise, each with its backward beside it.
 * From the standard normal: KL(N(mu, e^logvar) ‖ N(0, I)) = −½(1 + logvar − mu² − e^logvar), with
 * dKL/dmu = mu and dKL/dlogvar = ½(e^logvar − 1). Between two: see {@link #gaussian}.
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

    /**
     * KL(N(mu1, e^logvar1) ‖ N(mu2, e^logvar2)) per element, reduced as {@code reduction} says:
     * ½[logvar2 − logvar1 + (e^logvar1 + (mu1 − mu2)²)·e^−logvar2 − 1]. With d = mu1 − mu2 and
     * r = e^(logvar1 − logvar2): dKL/dmu1 = d·e^−logvar2 = −dKL/dmu2; dKL/dlogvar1 = ½(r − 1);
     * dKL/dlogvar2 = ½(1 − r − d²·e^−logvar2). It is 0 where the two agree, and reduces to
     * {@link #standardNormal} for mu2 = 0, logvar2 = 0.
     */
    public static Tensor gaussian(Tensor mu1, Tensor logvar1, Tensor mu2, Tensor logvar2, Reduction reduction) {
        Losses.requireSameShape("KL divergence", mu1, logvar1);
        Losses.requireSameShape("KL divergence", mu1, mu2);
        Losses.requireSameShape("KL divergence", mu1, logvar2);
        float[] m1 = mu1.data();
        float[] l1 = logvar1.data();
        float[] m2 = mu2.data();
        float[] l2 = logvar2.data();
        int n = m1.length;
        float[] ratio = new float[n]; // e^(logvar1 − logvar2)
        float[] scaledDiff = new float[n]; // (mu1 − mu2)·e^−logvar2
        float[] kl = new float[n];
        for (int i = 0; i < n; i++) {
            float d = m1[i] - m2[i];
            float inv = (float) Math.exp(-Math.max(l2[i], -LOGVAR_LIMIT));
            ratio[i] = (float) Math.exp(Math.min(l1[i] - l2[i], LOGVAR_LIMIT));
            scaledDiff[i] = d * inv;
            kl[i] = 0.5f * (l2[i] - l1[i] + ratio[i] + d * scaledDiff[i] - 1f);
        }
        Shape in = mu1.shape();
        return Tensor.fromOp("klGaussian", reduction.reduce(kl, in), reduction.outShape(in), g -> {
            float[] up = reduction.upstream(g, in);
            if (mu1.requiresGrad()) {
                float[] gm = mu1.gradBuffer();
                for (int i = 0; i < n; i++) {
                    gm[i] += up[i] * scaledDiff[i];
                }
            }
            if (mu2.requiresGrad()) {
                float[] gm = mu2.gradBuffer();
                for (int i = 0; i < n; i++) {
                    gm[i] -= up[i] * scaledDiff[i];
                }
            }
            if (logvar1.requiresGrad()) {
                float[] gl = logvar1.gradBuffer();
                for (int i = 0; i < n; i++) {
                    gl[i] += up[i] * 0.5f * (ratio[i] - 1f);
                }
            }
            if (logvar2.requiresGrad()) {
                float[] gl = logvar2.gradBuffer();
                for (int i = 0; i < n; i++) {
                    float d = m1[i] - m2[i];
                    gl[i] += up[i] * 0.5f * (1f - ratio[i] - d * scaledDiff[i]);
                }
            }
        }, mu1, logvar1, mu2, logvar2);
    }
}
