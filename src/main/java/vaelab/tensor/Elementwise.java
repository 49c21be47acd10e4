package vaelab.tensor;

/**
 * The elementwise kernels that dominate a training step besides the GEMM: the binary cross-entropy
 * with logits (exp and log1p per pixel) and its gradient. Like {@link Gemm}, they run on the Vector
 * API when the {@code jdk.incubator.vector} module is present and on plain loops otherwise; both
 * take e^x and ln(1 + y) from {@link ExpLog}'s written-out arithmetic, so they give the same bits,
 * compiled or not (tested), and agree with the JDK's Math to 2 ulp.
 */
public final class Elementwise {
    /** The vector implementation, or null without the module. */
    interface Kernels {
        void bceWithLogits(float[] x, float[] t, float[] loss);

        void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx);

        void gelu(float[] x, float[] y, float[] tanh);
    }

    /** GELU's tanh-form constants: y = ½x(1 + tanh u), u = C·(x + A·x³). */
    public static final float GELU_C = (float) Math.sqrt(2 / Math.PI);
    public static final float GELU_A = 0.044715f;

    private static final Kernels SCALAR = new ScalarKernels();
    private static final Kernels VECTOR = loadVector();
    private static volatile boolean vectorEnabled = VECTOR != null;

    private Elementwise() {
    }

    private static Kernels loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (Kernels) Class.forName("vaelab.tensor.VectorElementwise").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Chooses the Vector API kernels (when available) or the plain loops; for tests and benchmarks. */
    public static void useVector(boolean enabled) {
        vectorEnabled = enabled && VECTOR != null;
    }

    private static Kernels kernels() {
        return vectorEnabled ? VECTOR : SCALAR;
    }

    /** loss[i] = max(x,0) − x·t + ln(1 + e^−|x|): BCE of target t under logit x, stable for any finite x. */
    public static void bceWithLogits(float[] x, float[] t, float[] loss) {
        kernels().bceWithLogits(x, t, loss);
    }

    /**
     * gx[i] += u_i·(σ(x_i) − t_i) where u_i = upstream[i], or {@code upstreamScalar} when upstream is null
     * (a reduced loss sends the same gradient to every element).
     */
    public static void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx) {
        kernels().bceWithLogitsGrad(x, t, upstream, upstreamScalar, gx);
    }

    /** y = ½x(1 + tanh u) with u = C·(x + A·x³), and tanh u kept for the backward. */
    public static void gelu(float[] x, float[] y, float[] tanh) {
        kernels().gelu(x, y, tanh);
    }

    /** The plain loops, also the reference for the vector kernels. */
    static final class ScalarKernels implements Kernels {
        @Override
        public void bceWithLogits(float[] x, float[] t, float[] loss) {
            for (int i = 0; i < x.length; i++) {
                loss[i] = bce(x[i], t[i]);
            }
        }

        @Override
        public void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx) {
            for (int i = 0; i < x.length; i++) {
                float u = upstream == null ? upstreamScalar : upstream[i];
                gx[i] += u * (sigmoid(x[i]) - t[i]);
            }
        }

        @Override
        public void gelu(float[] x, float[] y, float[] tanh) {
            for (int i = 0; i < x.length; i++) {
                float xi = x[i];
                float t = tanhOf(GELU_C * (xi + GELU_A * xi * xi * xi));
                tanh[i] = t;
                y[i] = 0.5f * xi * (1f + t);
            }
        }

        /** tanh u = sign(u)·(1 − e)/(1 + e) with e = e^{−2|u|} ≤ 1: never overflows, exact 0 at 0. */
        static float tanhOf(float u) {
            float e = ExpLog.expNonPositive(-2f * Math.abs(u));
            float r = (1f - e) / (1f + e);
            return u < 0 ? -r : r;
        }

        static float bce(float v, float t) {
            return Math.max(v, 0f) + ExpLog.log1pUnit(ExpLog.expNonPositive(-Math.abs(v))) - v * t;
        }

        /** 1/(1 + e^−|v|) for v ≥ 0, e^−|v|/(1 + e^−|v|) below: never overflows. */
        static float sigmoid(float v) {
            float e = ExpLog.expNonPositive(-Math.abs(v));
            return (v >= 0f ? 1f : e) / (1f + e);
        }
    }
}
