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
        void bceWithLogits(float[] x, float[] t, float[] loss, int from, int to);

        void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx, int from, int to);

        void gelu(float[] x, float[] y, float[] tanh, int from, int to);

        void adam(float[] p, float[] g, float[] m, float[] v, AdamStep s, int from, int to);

        void reluGrad(float[] x, float[] g, float[] gx, int from, int to);
    }

    /**
     * One Adam step's constants: the moments' decays β₁, β₂ and their complements, the step size
     * lr/(1−β₁ᵗ), 1/√(1−β₂ᵗ), ε, and the decoupled weight decay's factor 1 − lr·λ.
     */
    public record AdamStep(float beta1, float beta2, float stepSize, float invBc2Sqrt, float eps, float decay) {
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
        Kernels k = kernels();
        inShares(x.length, (from, to) -> k.bceWithLogits(x, t, loss, from, to));
    }

    /**
     * gx[i] += u_i·(σ(x_i) − t_i) where u_i = upstream[i], or {@code upstreamScalar} when upstream is null
     * (a reduced loss sends the same gradient to every element).
     */
    public static void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx) {
        Kernels k = kernels();
        inShares(x.length, (from, to) -> k.bceWithLogitsGrad(x, t, upstream, upstreamScalar, gx, from, to));
    }

    /** y = ½x(1 + tanh u) with u = C·(x + A·x³), and tanh u kept for the backward. */
    public static void gelu(float[] x, float[] y, float[] tanh) {
        Kernels k = kernels();
        inShares(x.length, (from, to) -> k.gelu(x, y, tanh, from, to));
    }

    /**
     * Adam's update of one parameter in one pass: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
     * p ← p·decay − stepSize·m/(√v·invBc2Sqrt + ε), with m and v kept as zero when they fall below
     * the smallest normal float (see ScalarKernels.adamRange). Both paths round each operation alike
     * (no fused multiply-add), so they give the same bits.
     */
    public static void adam(float[] p, float[] g, float[] m, float[] v, AdamStep s) {
        Kernels k = kernels();
        inShares(p.length, (from, to) -> k.adam(p, g, m, v, s, from, to));
    }

    /** Arrays from twice this size are worked on in shares on the compute threads. */
    static final int SHARE = 1 << 15;

    private interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) in shares on the compute threads when n is large enough to pay
     * for the hand-off (a 128×784 batch of logits is). Each element's result is computed alone, so
     * the bits do not depend on the split.
     */
    private static void inShares(int n, Range body) {
        int tasks = Math.min(Parallel.threads(), n / SHARE);
        if (tasks < 2) {
            body.run(0, n);
            return;
        }
        Parallel.forEach(tasks, t -> body.run(shareStart(n, tasks, t), shareStart(n, tasks, t + 1)));
    }

    /** Where share t of n elements in {@code tasks} shares starts: a multiple of 64, so vectors stay aligned. */
    private static int shareStart(int n, int tasks, int t) {
        return t == tasks ? n : (int) ((long) n * t / tasks) & ~63;
    }

    /**
     * gx[i] += g[i] where x[i] &gt; 0, else + 0: ReLU's backward. The plain loop branches on the sign of
     * x, which random signs make a misprediction every other element; the vector kernel blends instead.
     */
    public static void reluGrad(float[] x, float[] g, float[] gx) {
        Kernels k = kernels();
        inShares(g.length, (from, to) -> k.reluGrad(x, g, gx, from, to));
    }

    /** The plain loops, also the reference for the vector kernels. */
    static final class ScalarKernels implements Kernels {
        @Override
        public void bceWithLogits(float[] x, float[] t, float[] loss, int from, int to) {
            for (int i = from; i < to; i++) {
                loss[i] = bce(x[i], t[i]);
            }
        }

        @Override
        public void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx,
                                      int from, int to) {
            for (int i = from; i < to; i++) {
                float u = upstream == null ? upstreamScalar : upstream[i];
                gx[i] += u * (sigmoid(x[i]) - t[i]);
            }
        }

        @Override
        public void gelu(float[] x, float[] y, float[] tanh, int from, int to) {
            for (int i = from; i < to; i++) {
                float xi = x[i];
                float t = tanhOf(GELU_C * (xi + GELU_A * xi * xi * xi));
                tanh[i] = t;
                y[i] = 0.5f * xi * (1f + t);
            }
        }

        @Override
        public void adam(float[] p, float[] g, float[] m, float[] v, AdamStep s, int from, int to) {
            adamRange(p, g, m, v, s, from, to);
        }

        @Override
        public void reluGrad(float[] x, float[] g, float[] gx, int from, int to) {
            reluGradRange(x, g, gx, from, to);
        }

        static void reluGradRange(float[] x, float[] g, float[] gx, int from, int to) {
            for (int i = from; i < to; i++) {
                gx[i] += x[i] > 0f ? g[i] : 0f;
            }
        }

        /**
         * Adam on elements [from, to): the whole update here, the tail of the vector kernel's.
         * Moments below the smallest normal float are kept as zero: a parameter whose gradient stays 0
         * (a weight from a pixel that is always black) decays its m by β₁ each step into the subnormal
         * range, where every multiply is a microcode assist on Intel cores (Adam over the MLP VAE's
         * 535,000 parameters: 0.30 ms, and 4.5 ms with m subnormal), and such an m moves its
         * parameter by less than 10⁻³⁰.
         */
        static void adamRange(float[] p, float[] g, float[] m, float[] v, AdamStep s, int from, int to) {
            float b1 = s.beta1();
            float b2 = s.beta2();
            float c1 = 1f - b1;
            float c2 = 1f - b2;
            for (int j = from; j < to; j++) {
                float gj = g[j];
                float mj = b1 * m[j] + c1 * gj;
                float vj = b2 * v[j] + c2 * gj * gj;
                if (Math.abs(mj) < Float.MIN_NORMAL) {
                    mj = 0f;
                }
                if (vj < Float.MIN_NORMAL) {
                    vj = 0f;
                }
                m[j] = mj;
                v[j] = vj;
                p[j] = p[j] * s.decay() - s.stepSize() * mj / ((float) Math.sqrt(vj) * s.invBc2Sqrt() + s.eps());
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
