package vaelab.autograd;

import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * softmax and log-softmax along one axis, stable for any finite input: the maximum is subtracted
 * before exponentiating, so no exponent exceeds 0 and at least one term of each sum is 1.
 */
public final class Softmax {
    private Softmax() {
    }

    /** yᵢ = e^(xᵢ−m) / Σⱼ e^(xⱼ−m); dx = y ⊙ (dy − Σ dy⊙y). */
    public static Tensor softmax(Tensor a, int axis) {
        Shape in = a.shape();
        int ax = in.normalizeAxis(axis);
        int outer = in.sizeBefore(ax);
        int n = in.dim(ax);
        int inner = in.sizeAfter(ax);
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                float max = maxAlong(x, base, n, inner);
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    float e = (float) Math.exp(x[base + i * inner] - max);
                    y[base + i * inner] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int i = 0; i < n; i++) {
                    y[base + i * inner] *= inv;
                }
            }
        }
        return Tensor.fromOp("softmax", y, in, g -> {
            float[] ga = a.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < inner; j++) {
                    int base = o * n * inner + j;
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += g[base + i * inner] * y[base + i * inner];
                    }
                    for (int i = 0; i < n; i++) {
                        int idx = base + i * inner;
                        ga[idx] += y[idx] * (g[idx] - (float) dot);
                    }
                }
            }
        }, a);
    }

    /** yᵢ = xᵢ − m − ln Σⱼ e^(xⱼ−m); dx = dy − softmax(x)·Σ dy. */
    public static Tensor logSoftmax(Tensor a, int axis) {
        Shape in = a.shape();
        int ax = in.normalizeAxis(axis);
        int outer = in.sizeBefore(ax);
        int n = in.dim(ax);
        int inner = in.sizeAfter(ax);
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                float max = maxAlong(x, base, n, inner);
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += Math.exp(x[base + i * inner] - max);
                }
                float logSum = max + (float) Math.log(sum);
                for (int i = 0; i < n; i++) {
                    y[base + i * inner] = x[base + i * inner] - logSum;
                }
            }
        }
        return Tensor.fromOp("logSoftmax", y, in, g -> {
            float[] ga = a.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < inner; j++) {
                    int base = o * n * inner + j;
                    double total = 0;
                    for (int i = 0; i < n; i++) {
                        total += g[base + i * inner];
                    }
                    for (int i = 0; i < n; i++) {
                        int idx = base + i * inner;
                        ga[idx] += g[idx] - (float) Math.exp(y[idx]) * (float) total;
                    }
                }
            }
        }, a);
    }

    static float maxAlong(float[] x, int base, int n, int stride) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[base + i * stride]);
        }
        return max;
    }
}
