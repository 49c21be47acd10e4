package vaelab.autograd;

import vaelab.tensor.Broadcast;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * add, sub, mul and div with NumPy broadcasting, and their scalar forms.
 *
 * <p>Each op reads both operands as the broadcast shape; its backward applies the elementwise rule
 * and sums the result back onto each operand's own shape ({@link GradSink}).
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    /** y = a + b; dy/da = 1, dy/db = 1. */
    public static Tensor add(Tensor a, Tensor b) {
        Shape out = Shape.broadcast(a.shape(), b.shape());
        float[] x = Broadcast.expand(a.data(), a.shape(), out);
        float[] w = Broadcast.expand(b.data(), b.shape(), out);
        float[] y = new float[out.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] + w[i];
        }
        return Tensor.fromOp("add", y, out, g -> {
            if (a.requiresGrad()) {
                Broadcast.sumTo(g, out, a.shape(), a.gradBuffer());
            }
            if (b.requiresGrad()) {
                Broadcast.sumTo(g, out, b.shape(), b.gradBuffer());
            }
        }, a, b);
    }

    /** y = a − b; dy/da = 1, dy/db = −1. */
    public static Tensor sub(Tensor a, Tensor b) {
        Shape out = Shape.broadcast(a.shape(), b.shape());
        float[] x = Broadcast.expand(a.data(), a.shape(), out);
        float[] w = Broadcast.expand(b.data(), b.shape(), out);
        float[] y = new float[out.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] - w[i];
        }
        return Tensor.fromOp("sub", y, out, g -> {
            if (a.requiresGrad()) {
                Broadcast.sumTo(g, out, a.shape(), a.gradBuffer());
            }
            if (b.requiresGrad()) {
                float[] gb = GradSink.open(b, out);
                for (int i = 0; i < g.length; i++) {
                    gb[i] -= g[i];
                }
                GradSink.flush(gb, b, out);
            }
        }, a, b);
    }

    /** y = a·b; dy/da = b, dy/db = a. */
    public static Tensor mul(Tensor a, Tensor b) {
        Shape out = Shape.broadcast(a.shape(), b.shape());
        float[] x = Broadcast.expand(a.data(), a.shape(), out);
        float[] w = Broadcast.expand(b.data(), b.shape(), out);
        float[] y = new float[out.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * w[i];
        }
        return Tensor.fromOp("mul", y, out, g -> {
            if (a.requiresGrad()) {
                float[] ga = GradSink.open(a, out);
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] * w[i];
                }
                GradSink.flush(ga, a, out);
            }
            if (b.requiresGrad()) {
                float[] gb = GradSink.open(b, out);
                for (int i = 0; i < g.length; i++) {
                    gb[i] += g[i] * x[i];
                }
                GradSink.flush(gb, b, out);
            }
        }, a, b);
    }

    /** y = a / b; dy/da = 1/b, dy/db = −a/b² = −y/b. */
    public static Tensor div(Tensor a, Tensor b) {
        Shape out = Shape.broadcast(a.shape(), b.shape());
        float[] x = Broadcast.expand(a.data(), a.shape(), out);
        float[] w = Broadcast.expand(b.data(), b.shape(), out);
        float[] y = new float[out.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] / w[i];
        }
        return Tensor.fromOp("div", y, out, g -> {
            if (a.requiresGrad()) {
                float[] ga = GradSink.open(a, out);
                for (int i = 0; i < g.length; i++) {
                    ga[i] += g[i] / w[i];
                }
                GradSink.flush(ga, a, out);
            }
            if (b.requiresGrad()) {
                float[] gb = GradSink.open(b, out);
                for (int i = 0; i < g.length; i++) {
                    gb[i] -= g[i] * y[i] / w[i];
                }
                GradSink.flush(gb, b, out);
            }
        }, a, b);
    }

    /** y = −a. */
    public static Tensor neg(Tensor a) {
        return mul(a, -1f);
    }

    /** y = a + c for a constant c. */
    public static Tensor add(Tensor a, float c) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] + c;
        }
        return Tensor.fromOp("addScalar", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i];
            }
        }, a);
    }

    /** y = c·a for a constant c; dy/da = c. */
    public static Tensor mul(Tensor a, float c) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * c;
        }
        return Tensor.fromOp("mulScalar", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * c;
            }
        }, a);
    }
}
