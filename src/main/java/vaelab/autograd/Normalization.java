package vaelab.autograd;

import vaelab.tensor.Tensor;

/**
 * Layer normalisation as one op, so that a transformer's many norms cost two passes over their rows
 * instead of a dozen broadcasting ops.
 *
 * <p>Forward, per row of the last axis (n values): μ = mean x, σ² = mean (x − μ)², r = 1/√(σ² + ε),
 * x̂ = (x − μ)·r, y = x̂·γ + β. Backward: dβ = Σ_rows dy, dγ = Σ_rows dy·x̂, and with
 * d = dy·γ: dx = r·(d − mean d − x̂·mean(d·x̂)).
 */
public final class Normalization {
    private Normalization() {
    }

    /** x: (…, n); gamma, beta: (n). */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int n = x.dim(-1);
        if (gamma.rank() != 1 || beta.rank() != 1 || gamma.dim(0) != n || beta.dim(0) != n) {
            throw new IllegalArgumentException("layerNorm: gamma and beta must be (" + n + "), got " + gamma.shape() + " and " + beta.shape());
        }
        int rows = x.size() / n;
        float[] in = x.data();
        float[] g = gamma.data();
        float[] b = beta.data();
        float[] y = new float[in.length];
        float[] xhat = new float[in.length]; // kept for the backward
        float[] rstd = new float[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += in[o + j];
            }
            float mean = (float) (sum / n);
            double sq = 0;
            for (int j = 0; j < n; j++) {
                float c = in[o + j] - mean;
                sq += c * c;
            }
            float inv = (float) (1 / Math.sqrt(sq / n + eps));
            rstd[r] = inv;
            for (int j = 0; j < n; j++) {
                float h = (in[o + j] - mean) * inv;
                xhat[o + j] = h;
                y[o + j] = h * g[j] + b[j];
            }
        }
        return Tensor.fromOp("layerNorm", y, x.shape(), dy -> {
            float[] gg = gamma.requiresGrad() ? gamma.gradBuffer() : null;
            float[] gb = beta.requiresGrad() ? beta.gradBuffer() : null;
            float[] gx = x.requiresGrad() ? x.gradBuffer() : null;
            float[] d = new float[n];
            for (int r = 0; r < rows; r++) {
                int o = r * n;
                double meanD = 0;
                double meanDx = 0;
                for (int j = 0; j < n; j++) {
                    float dyj = dy[o + j];
                    if (gb != null) {
                        gb[j] += dyj;
                    }
                    if (gg != null) {
                        gg[j] += dyj * xhat[o + j];
                    }
                    d[j] = dyj * g[j];
                    meanD += d[j];
                    meanDx += d[j] * xhat[o + j];
                }
                if (gx == null) {
                    continue;
                }
                float md = (float) (meanD / n);
                float mdx = (float) (meanDx / n);
                for (int j = 0; j < n; j++) {
                    gx[o + j] += rstd[r] * (d[j] - md - xhat[o + j] * mdx);
                }
            }
        }, x, gamma, beta);
    }
}
