package vaelab.autograd;

import vaelab.tensor.Tensor;

/** exp, log, sqrt, pow and abs, elementwise. */
public final class UnaryMath {
    private UnaryMath() {
    }

    /** y = eˣ; dy/dx = y. */
    public static Tensor exp(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.exp(x[i]);
        }
        return Tensor.fromOp("exp", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * y[i];
            }
        }, a);
    }

    /** y = ln x; dy/dx = 1/x. */
    public static Tensor log(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.log(x[i]);
        }
        return Tensor.fromOp("log", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] / x[i];
            }
        }, a);
    }

    /** y = √x; dy/dx = 1/(2y). */
    public static Tensor sqrt(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.sqrt(x[i]);
        }
        return Tensor.fromOp("sqrt", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * 0.5f / y[i];
            }
        }, a);
    }

    /** y = xᵖ for a constant p; dy/dx = p·xᵖ⁻¹. */
    public static Tensor pow(Tensor a, float p) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = p == 2f ? x[i] * x[i] : (float) Math.pow(x[i], p);
        }
        return Tensor.fromOp("pow", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                float d = p == 2f ? 2f * x[i] : p * (float) Math.pow(x[i], p - 1f);
                ga[i] += g[i] * d;
            }
        }, a);
    }

    /** y = |x|; dy/dx = sign(x), taken as 0 at 0. */
    public static Tensor abs(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.abs(x[i]);
        }
        return Tensor.fromOp("abs", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * Math.signum(x[i]);
            }
        }, a);
    }
}
