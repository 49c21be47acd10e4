package vaelab.tensor;

/**
 * Float32 matrix multiplication on row-major arrays, in the three layouts that a matmul and its
 * backward need. Each method writes an m×n block of {@code c} starting at {@code cOff} (row length n),
 * either overwriting it or adding to it ({@code accumulate}).
 *
 * <ul>
 *   <li>{@code nn}: C = A·B, A is m×k, B is k×n (the forward product);</li>
 *   <li>{@code tn}: C = Aᵀ·B, A is stored k×m (the weight gradient Xᵀ·dY);</li>
 *   <li>{@code nt}: C = A·Bᵀ, B is stored n×k (the input gradient dY·Wᵀ).</li>
 * </ul>
 *
 * <p>The work runs on the Vector API kernel when the {@code jdk.incubator.vector} module is present
 * (the {@code vaelab} launcher adds it), else on the auto-vectorised scalar kernel; large products
 * are split over {@link Parallel}'s threads by rows or columns of C. Every element is summed in an
 * order that does not depend on the split, so results are the same bits at any thread count.
 * {@link GemmReference} holds the textbook loops they are tested against.
 */
public final class Gemm {
    /**
     * Below this many multiply-adds a product runs on one thread. Handing a share to a spinning
     * worker ({@link Workers}) and waiting for it costs about a microsecond, so a product is split
     * once it is worth a few microseconds on one core: 128³ (2²¹) took 47 µs on one thread and 28 µs
     * on two (2 vCPUs of an Intel Xeon, AVX-512). With the ForkJoinPool used before, a hand-off cost
     * ~70 µs and the threshold was 2²⁴. {@code -Dvaelab.gemm.parallelThreshold=N} re-tunes it
     * (benchmarks/README.md); the bits do not depend on it, as they do not on the thread count.
     */
    private static volatile long parallelThreshold = Long.getLong("vaelab.gemm.parallelThreshold", 1L << 18);
    /**
     * From this many rows of C (and as many as columns), sharing the packing of B pays for the
     * barriers it needs; measured with the spinning workers, products of 128 rows ran 15–30% slower
     * with it than split into independent calls.
     */
    static final int SHARED_PACKING_ROWS = 256;

    private static final GemmKernel SCALAR = new ScalarGemm();
    private static final GemmKernel FAST = loadVectorKernel();
    private static volatile boolean vectorEnabled = FAST != null;

    private Gemm() {
    }

    private static GemmKernel loadVectorKernel() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            // Only touched when the module is present: loading it otherwise throws NoClassDefFoundError.
            Class<?> k = Class.forName("vaelab.tensor.VectorGemm");
            if (!(boolean) k.getDeclaredMethod("supported").invoke(null)) {
                return null;
            }
            var ctor = k.getDeclaredConstructor();
            return (GemmKernel) ctor.newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Whether the Vector API kernel is available in this JVM. */
    /** For tests of the threaded paths on small products: split from this many multiply-adds on. */
    static void setParallelThreshold(long multiplyAdds) {
        parallelThreshold = multiplyAdds;
    }

    static long parallelThreshold() {
        return parallelThreshold;
    }

    public static boolean vectorAvailable() {
        return FAST != null;
    }

    /** Chooses the Vector API kernel (when available) or the scalar one; for tests and benchmarks. */
    public static void useVector(boolean enabled) {
        vectorEnabled = enabled && FAST != null;
    }

    /** The name of the kernel in use, e.g. "vector 6x16" or "scalar". */
    public static String kernelName() {
        return kernel().name();
    }

    static GemmKernel kernel() {
        return vectorEnabled ? FAST : SCALAR;
    }

    public static void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        run(kernel(), m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff, accumulate);
    }

    public static void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        run(kernel(), m, n, k, a, aOff, 1, m, b, bOff, n, 1, c, cOff, accumulate);
    }

    public static void nt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        run(kernel(), m, n, k, a, aOff, k, 1, b, bOff, 1, k, c, cOff, accumulate);
    }

    /**
     * C (+)= A·B where B (k×n) is an operand that is not stored, e.g. a convolution's patches
     * ({@link Patches}); A is m×k row-major. Same bits as {@link #nn} on B written out.
     */
    public static void nn(int m, int n, int k, float[] a, int aOff, GemmOperand b,
                          float[] c, int cOff, boolean accumulate) {
        run(kernel(), m, n, k, a, aOff, k, 1, new Unstored(b), c, cOff, accumulate);
    }

    static void run(GemmKernel kernel, int m, int n, int k,
                    float[] a, int aOff, int aRs, int aCs,
                    float[] b, int bOff, int bRs, int bCs,
                    float[] c, int cOff, boolean accumulate) {
        run(kernel, m, n, k, a, aOff, aRs, aCs, new Stored(b, bOff, bRs, bCs), c, cOff, accumulate);
    }

    /** Splits C into one block per thread, along the longer side, and multiplies each block. */
    private static void run(GemmKernel kernel, int m, int n, int k,
                            float[] a, int aOff, int aRs, int aCs, Operand b,
                            float[] c, int cOff, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        int threads = Parallel.threads();
        if (threads == 1 || (long) m * n * k < parallelThreshold) {
            b.multiply(kernel, m, n, k, a, aOff, aRs, aCs, 0, c, cOff, n, accumulate);
            return;
        }
        if (kernel instanceof VectorGemm v && m >= n && m >= SHARED_PACKING_ROWS) {
            // Tall products: share each packed block of B among the threads instead of packing it once
            // per thread. Smaller ones split C into independent calls, which need no barriers.
            b.multiplyParallel(v, threads, m, n, k, a, aOff, aRs, aCs, c, cOff, n, accumulate);
            return;
        }
        if (m >= n) {
            int step = shareSize(m, threads, kernel.tileRows());
            int tasks = ceilDiv(m, step);
            Parallel.forEach(tasks, t -> {
                int i0 = t * step;
                int rows = Math.min(step, m - i0);
                b.multiply(kernel, rows, n, k, a, aOff + i0 * aRs, aRs, aCs, 0, c, cOff + i0 * n, n, accumulate);
            });
        } else {
            int step = shareSize(n, threads, kernel.tileColumns());
            int tasks = ceilDiv(n, step);
            Parallel.forEach(tasks, t -> {
                int j0 = t * step;
                int cols = Math.min(step, n - j0);
                b.multiply(kernel, m, cols, k, a, aOff, aRs, aCs, j0, c, cOff + j0, n, accumulate);
            });
        }
    }

    /**
     * The B of a product as {@link #run} splits it: columns j0.. of a stored array or of an operand.
     * {@code multiplyParallel} takes the vector kernel as a GemmKernel and casts it in its body: javadoc
     * resolves signatures, and VectorGemm needs the incubator module that javadoc runs without.
     */
    private sealed interface Operand permits Stored, Unstored {
        @SuppressWarnings("java:S107")
        void multiply(GemmKernel kernel, int m, int n, int k, float[] a, int aOff, int aRs, int aCs, int j0,
                      float[] c, int cOff, int ldc, boolean accumulate);

        @SuppressWarnings("java:S107")
        void multiplyParallel(GemmKernel vectorKernel, int tasks, int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                              float[] c, int cOff, int ldc, boolean accumulate);
    }

    private record Stored(float[] b, int off, int rs, int cs) implements Operand {
        @Override
        public void multiply(GemmKernel kernel, int m, int n, int k, float[] a, int aOff, int aRs, int aCs, int j0,
                             float[] c, int cOff, int ldc, boolean accumulate) {
            kernel.multiply(m, n, k, a, aOff, aRs, aCs, b, off + j0 * cs, rs, cs, c, cOff, ldc, accumulate);
        }

        @Override
        public void multiplyParallel(GemmKernel vectorKernel, int tasks, int m, int n, int k, float[] a, int aOff,
                                     int aRs, int aCs, float[] c, int cOff, int ldc, boolean accumulate) {
            ((VectorGemm) vectorKernel).multiplyParallel(tasks, m, n, k, a, aOff, aRs, aCs, b, off, rs, cs, c, cOff, ldc,
                    accumulate);
        }
    }

    private record Unstored(GemmOperand b) implements Operand {
        @Override
        public void multiply(GemmKernel kernel, int m, int n, int k, float[] a, int aOff, int aRs, int aCs, int j0,
                             float[] c, int cOff, int ldc, boolean accumulate) {
            kernel.multiply(m, n, k, a, aOff, aRs, aCs, b, j0, c, cOff, ldc, accumulate);
        }

        @Override
        public void multiplyParallel(GemmKernel vectorKernel, int tasks, int m, int n, int k, float[] a, int aOff,
                                     int aRs, int aCs, float[] c, int cOff, int ldc, boolean accumulate) {
            ((VectorGemm) vectorKernel).multiplyParallel(tasks, m, n, k, a, aOff, aRs, aCs, b, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The rows (or columns) of C each thread takes when {@code extent} of them are split {@code threads}
     * ways in whole units of the kernel's tile. Rounding to 24 rows and 32 columns for every kernel (a
     * multiple of all their tiles) split 128 rows 72 + 56, and the thread with 72 set the pace.
     */
    static int shareSize(int extent, int threads, int unit) {
        return roundUp(ceilDiv(extent, threads), unit);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int multiple) {
        return ceilDiv(a, multiple) * multiple;
    }
}
