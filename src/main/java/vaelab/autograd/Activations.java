package vaelab.autograd;

import vaelab.tensor.Elementwise;
import vaelab.tensor.Tensor;

/** relu, leaky relu, sigmoid, tanh, softplus and GELU, elementwise. */
public final class Activations {
    private Activations() {
    }

    /** y = max(x, 0); dy/dx = 1 where x &gt; 0, else 0. */
    public static Tensor relu(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(x[i], 0f); // vectorises; +0 (not −0) for negative x; NaN stays NaN
        }
        return Tensor.fromOp("relu", y, a.shape(), g -> Elementwise.reluGrad(x, g, a.gradBuffer()), a);
    }

    /** y = x where x &gt; 0, else slope·x; dy/dx = 1 or slope. */
    public static Tensor leakyRelu(Tensor a, float slope) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] > 0f ? x[i] : slope * x[i];
        }
        return Tensor.fromOp("leakyRelu", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += x[i] > 0f ? g[i] : slope * g[i];
            }
        }, a);
    }

    /** y = 1/(1+e⁻ˣ); dy/dx = y(1−y). Saturates to exactly 0 or 1, never NaN. */
    public static Tensor sigmoid(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = sigmoid(x[i]);
        }
        return Tensor.fromOp("sigmoid", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * y[i] * (1f - y[i]);
            }
        }, a);
    }

    /** y = tanh x; dy/dx = 1 − y². */
    public static Tensor tanh(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
        return Tensor.fromOp("tanh", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * (1f - y[i] * y[i]);
            }
        }, a);
    }

    /**
     * y = ln(1+eˣ), computed as max(x,0) + ln(1+e^−|x|) so that it neither overflows for large x
     * nor loses the value for very negative x; dy/dx = sigmoid(x).
     */
    public static Tensor softplus(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = softplus(x[i]);
        }
        return Tensor.fromOp("softplus", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * sigmoid(x[i]);
            }
        }, a);
    }

    /**
     * GELU in the tanh form of GPT-2 and nanoGPT: y = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³);
     * dy/dx = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²). The forward runs on
     * {@link vaelab.tensor.Elementwise#gelu} (Vector API and scalar twins, the same bits).
     */
    public static Tensor gelu(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        float[] t = new float[x.length]; // tanh u, kept for the backward
        vaelab.tensor.Elementwise.gelu(x, y, t);
        return Tensor.fromOp("gelu", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            float c = vaelab.tensor.Elementwise.GELU_C;
            float k = 3f * vaelab.tensor.Elementwise.GELU_A;
            for (int i = 0; i < g.length; i++) {
                float xi = x[i];
                float du = c * (1f + k * xi * xi);
                ga[i] += g[i] * (0.5f * (1f + t[i]) + 0.5f * xi * (1f - t[i] * t[i]) * du);
            }
        }, a);
    }

    /** The logistic function of one value, stable for any finite x. */
    public static float sigmoid(float x) {
        if (x >= 0f) {
            return 1f / (1f + (float) Math.exp(-x));
        }
        float e = (float) Math.exp(x);
        return e / (1f + e);
    }

    /** ln(1+eˣ) of one value, stable for any finite x. */
    public static float softplus(float x) {
        return Math.max(x, 0f) + (float) Math.log1p(Math.exp(-Math.abs(x)));
    }
}
