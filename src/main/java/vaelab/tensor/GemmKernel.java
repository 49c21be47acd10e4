package vaelab.tensor;

/**
 * One single-threaded GEMM implementation: C (+)= A·B on a block, where element (i, p) of A is
 * {@code a[aOff + i*aRowStride + p*aColStride]} (so a transposed operand is just other strides), and
 * likewise for B; C is row-major with row length {@code ldc}.
 *
 * <p>Contract: each output element is the sum over p in a fixed order that depends only on k and the
 * implementation's blocking, never on which block of C a call covers. Splitting C among threads
 * therefore gives the same bits as one call.
 */
interface GemmKernel {
    @SuppressWarnings("java:S107")
    void multiply(int m, int n, int k,
                  float[] a, int aOff, int aRowStride, int aColStride,
                  float[] b, int bOff, int bRowStride, int bColStride,
                  float[] c, int cOff, int ldc, boolean accumulate);

    /** A short name for benchmarks and {@code vaelab info}. */
    String name();
}
