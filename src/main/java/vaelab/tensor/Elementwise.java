package vaelab.tensor;

/**
 * The elementwise kernels that dominate a training step besides the GEMM: the binary cross-entropy
 * with logits (exp and log1p per pixel) and its gradient. Like {@link Gemm}, they run on the Vector
 * API when the {@code jdk.incubator.vector} module is present and on plain loops otherwise; the two
 * agree to a few ulps (the vector exp and log1p are not the JDK's), which the tests check.
 */
public final class Elementwise {
    /** The vector implementation, or null without the module. */
    interface Kernels {
        void bceWithLogits(float[] x, float[] t, float[] loss);

        void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx);
    }

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

    /** The plain loops, also the reference for the vector kernels. */
    static final class ScalarKernels implements Kernels {
        @Override
        public void bceWithLogits(float[] x, float[] t, float[] loss) {
            for (int i = 0; i < x.length; i++) {
                float v = x[i];
                loss[i] = Math.max(v, 0f) + (float) Math.log1p(Math.exp(-Math.abs(v))) - v * t[i];
            }
        }

        @Override
        public void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx) {
            for (int i = 0; i < x.length; i++) {
                float v = x[i];
                float e = (float) Math.exp(-Math.abs(v));
                float sigmoid = v >= 0f ? 1f / (1f + e) : e / (1f + e);
                float u = upstream == null ? upstreamScalar : upstream[i];
                gx[i] += u * (sigmoid - t[i]);
            }
        }
    }
}
