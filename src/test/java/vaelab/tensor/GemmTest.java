package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fast GEMM path against the reference loops, over odd sizes, layouts and accumulation. */
class GemmTest {
    static final int[] SIZES = {1, 2, 7, 16, 17, 33, 127, 130};
    static final long THRESHOLD = Gemm.parallelThreshold();

    @AfterEach
    void restore() {
        Gemm.useVector(true);
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
        Gemm.setParallelThreshold(THRESHOLD);
    }

    static List<GemmKernel> kernels() {
        List<GemmKernel> list = new ArrayList<>();
        list.add(new ScalarGemm());
        // The Vector API kernels run at any vector width (their speed needs 8 or 16 lanes; their results do not).
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("the test JVM runs with --add-modules jdk.incubator.vector")
                .isPresent();
        list.add(new VectorGemm(6));
        list.add(new VectorGemm(4));
        return list;
    }

    enum Layout { NN, TN, NT }

    /** Runs one layout through a kernel with the facade's splitting, so threading is covered too. */
    static void multiply(GemmKernel kernel, Layout layout, int m, int n, int k, float[] a, float[] b, float[] c, boolean acc) {
        switch (layout) {
            case NN -> Gemm.run(kernel, m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, acc);
            case TN -> Gemm.run(kernel, m, n, k, a, 0, 1, m, b, 0, n, 1, c, 0, acc);
            case NT -> Gemm.run(kernel, m, n, k, a, 0, k, 1, b, 0, 1, k, c, 0, acc);
        }
    }

    static void reference(Layout layout, int m, int n, int k, float[] a, float[] b, float[] c, boolean acc) {
        switch (layout) {
            case NN -> GemmReference.nn(m, n, k, a, 0, b, 0, c, 0, acc);
            case TN -> GemmReference.tn(m, n, k, a, 0, b, 0, c, 0, acc);
            case NT -> GemmReference.nt(m, n, k, a, 0, b, 0, c, 0, acc);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void agreesWithTheReference(GemmKernel kernel) {
        Rng rng = new Rng(11);
        for (Layout layout : Layout.values()) {
            for (int m : SIZES) {
                for (int n : new int[] {1, 5, 16, 31, 129}) {
                    for (int k : new int[] {1, 3, 64, 257, 300}) {
                        for (boolean acc : new boolean[] {false, true}) {
                            float[] a = Tensor.randn(rng, m * k).data();
                            float[] b = Tensor.randn(rng, k * n).data();
                            float[] c0 = Tensor.randn(rng, m * n).data();
                            float[] expected = c0.clone();
                            float[] actual = c0.clone();
                            reference(layout, m, n, k, a, b, expected, acc);
                            multiply(kernel, layout, m, n, k, a, b, actual, acc);
                            for (int i = 0; i < expected.length; i++) {
                                float tol = 1e-5f * k + 1e-5f * Math.abs(expected[i]);
                                if (Math.abs(actual[i] - expected[i]) > tol) {
                                    throw new AssertionError(kernel.name() + " " + layout + " m=" + m + " n=" + n + " k=" + k
                                            + " acc=" + acc + " element " + i + ": " + actual[i] + " vs " + expected[i]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void sameBitsAtAnyThreadCount(GemmKernel kernel) {
        Rng rng = new Rng(12);
        Gemm.setParallelThreshold(0); // every product below split, however small
        // Tall products (m >= 256, m >= n) take the shared-packing path on more than one thread.
        for (int[] mnk : new int[][] {{200, 70, 300}, {37, 400, 129}, {128, 784, 400}, {300, 100, 280}, {517, 517, 300}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            float[] a = Tensor.randn(rng, m * k).data();
            float[] b = Tensor.randn(rng, k * n).data();
            float[] one = new float[m * n];
            float[] two = new float[m * n];
            float[] three = new float[m * n];
            Parallel.setThreads(1);
            multiply(kernel, Layout.NN, m, n, k, a, b, one, false);
            Parallel.setThreads(2);
            multiply(kernel, Layout.NN, m, n, k, a, b, two, false);
            Parallel.setThreads(3);
            multiply(kernel, Layout.NN, m, n, k, a, b, three, false);
            assertThat(two).as("2 threads").isEqualTo(one); // Arrays.equals: bit for bit (NaN-aware)
            assertThat(three).as("3 threads").isEqualTo(one);
        }
    }

    @Test
    void theVectorKernelsSumEachElementInTheirDocumentedOrderPackedOrNot() {
        // A chain of FMAs over p within blocks of KC from zero, each added to C in order: the exact
        // bits, for one or two rows (B read in place), more rows (B packed), and columns past the last
        // whole group of four vectors; A stored either way.
        Rng rng = new Rng(19);
        int wide = VectorGemm.UNPACKED_COLUMNS;
        for (int[] mnk : new int[][] {{1, wide, 300}, {2, 2 * wide + 5, 513}, {2, wide - 1, 40}, {1, 3 * wide + 17, 1},
                {3, wide + 3, 257}, {7, 2 * wide, 300}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            float[] a = Tensor.randn(rng, m * k).data();
            float[] b = Tensor.randn(rng, k * n).data();
            float[] start = Tensor.randn(rng, m * n).data();
            for (boolean transposedA : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] expected = inDocumentedOrder(m, n, k, a, transposedA ? 1 : k, transposedA ? m : 1, b, start,
                            accumulate, VectorGemm.KC, true);
                    for (int rows : new int[] {6, 4}) {
                        float[] actual = start.clone();
                        new VectorGemm(rows).multiply(m, n, k, a, 0, transposedA ? 1 : k, transposedA ? m : 1, b, 0, n, 1,
                                actual, 0, n, accumulate);
                        assertThat(actual).as("%dx%dx%d, tile %d, A transposed %s, accumulate %s", m, n, k, rows,
                                transposedA, accumulate).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void theScalarKernelSumsEachElementInItsDocumentedOrder() {
        // Over p in increasing order within blocks of KC, each block's sum added to C in order: the
        // exact bits, whatever the kernel's unrolling (odd k and m take its remainder loops).
        Rng rng = new Rng(17);
        for (int[] mnk : new int[][] {{7, 37, 301}, {4, 600, 256}, {9, 5, 1}, {13, 530, 129}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            float[] a = Tensor.randn(rng, m * k).data();
            float[] b = Tensor.randn(rng, k * n).data();
            float[] start = Tensor.randn(rng, m * n).data();
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] expected = inDocumentedOrder(m, n, k, a, k, 1, b, start, accumulate, ScalarGemm.KC, false);
                float[] actual = start.clone();
                new ScalarGemm().multiply(m, n, k, a, 0, k, 1, b, 0, n, 1, actual, 0, n, accumulate);
                assertThat(actual).as("%dx%dx%d accumulate %s", m, n, k, accumulate).isEqualTo(expected);
            }
        }
    }

    /**
     * C (+)= A·B summed as the kernels document it: each element over p in increasing order within
     * blocks of {@code kc}, each block from zero ({@code fused}: a chain of FMAs; else a multiply
     * then an add), the blocks added to C in order. A's element (i, p) is a[i·aRs + p·aCs]; B is k×n.
     */
    static float[] inDocumentedOrder(int m, int n, int k, float[] a, int aRs, int aCs, float[] b, float[] start,
                                     boolean accumulate, int kc, boolean fused) {
        float[] out = start.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float c = accumulate ? out[i * n + j] : 0f;
                for (int pc = 0; pc < k; pc += kc) {
                    float r = 0f;
                    for (int p = pc; p < Math.min(k, pc + kc); p++) {
                        float av = a[i * aRs + p * aCs];
                        r = fused ? Math.fma(av, b[p * n + j], r) : r + av * b[p * n + j];
                    }
                    c = pc == 0 && !accumulate ? r : c + r;
                }
                out[i * n + j] = c;
            }
        }
        return out;
    }

    @Test
    void threadsShareCInWholeTilesOfTheKernelThatComputesIt() {
        assertThat(Gemm.shareSize(128, 2, new VectorGemm(6).tileRows())).isEqualTo(66); // 11 tiles + 10⅓
        assertThat(Gemm.shareSize(128, 2, new VectorGemm(4).tileRows())).isEqualTo(64);
        assertThat(Gemm.shareSize(128, 2, new ScalarGemm().tileRows())).isEqualTo(64);
        assertThat(Gemm.shareSize(400, 2, new ScalarGemm().tileColumns())).isEqualTo(208); // a cache line of C apart
        assertThat(Gemm.shareSize(400, 2, VectorGemm.NR)).isEqualTo(VectorGemm.NR == 16 ? 208 : 224);
        assertThat(Gemm.shareSize(5, 3, 4)).isEqualTo(4);
    }

    @Test
    void theSharedPackingPathAgreesWithTheReference() {
        Rng rng = new Rng(15);
        int m = 301, n = 97, k = 530;
        float[] a = Tensor.randn(rng, m * k).data();
        float[] b = Tensor.randn(rng, k * n).data();
        float[] expected = Tensor.randn(rng, m * n).data();
        float[] actual = expected.clone();
        GemmReference.tn(m, n, k, a, 0, b, 0, expected, 0, true);
        Gemm.setParallelThreshold(0);
        Parallel.setThreads(2);
        Gemm.useVector(true);
        Gemm.tn(m, n, k, a, 0, b, 0, actual, 0, true);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).isLessThan(1e-5f * k + 1e-5f * Math.abs(expected[i]));
        }
    }

    @Test
    void agreesWithEjml() {
        Rng rng = new Rng(13);
        int m = 65, k = 130, n = 47;
        float[] a = Tensor.randn(rng, m * k).data();
        float[] b = Tensor.randn(rng, k * n).data();
        FMatrixRMaj expected = new FMatrixRMaj(m, n);
        CommonOps_FDRM.mult(new FMatrixRMaj(m, k, true, a), new FMatrixRMaj(k, n, true, b), expected);
        for (boolean vector : new boolean[] {false, true}) {
            Gemm.useVector(vector);
            float[] c = new float[m * n];
            Gemm.nn(m, n, k, a, 0, b, 0, c, 0, false);
            for (int i = 0; i < c.length; i++) {
                assertThat(Math.abs(c[i] - expected.data[i])).isLessThan(1e-3f);
            }
        }
    }

    @Test
    void zeroSizedProductsOverwriteOrKeep() {
        float[] c = {5f, 5f};
        Gemm.nn(1, 2, 0, new float[0], 0, new float[0], 0, c, 0, true);
        assertThat(c).containsExactly(5f, 5f);
        Gemm.nn(1, 2, 0, new float[0], 0, new float[0], 0, c, 0, false);
        assertThat(c).containsExactly(0f, 0f);
    }

    @Test
    void offsetsAddressSubBlocks() {
        // Two stacked problems in one array: the second must not touch the first.
        Rng rng = new Rng(14);
        float[] a = Tensor.randn(rng, 2 * 3 * 4).data();
        float[] b = Tensor.randn(rng, 2 * 4 * 5).data();
        float[] c = new float[2 * 3 * 5];
        float[] expected = new float[2 * 3 * 5];
        for (int s = 0; s < 2; s++) {
            Gemm.nn(3, 5, 4, a, s * 12, b, s * 20, c, s * 15, false);
            GemmReference.nn(3, 5, 4, a, s * 12, b, s * 20, expected, s * 15, false);
        }
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
