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

    /**
     * C (+)= A·B for columns {@code j0} to {@code j0 + n} of an operand that is not stored: by default
     * written out into a scratch block first, which gives the same bits as the strided call on it.
     */
    @SuppressWarnings("java:S107")
    default void multiply(int m, int n, int k,
                          float[] a, int aOff, int aRowStride, int aColStride,
                          GemmOperand b, int j0,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        float[] block = OperandScratch.floats((long) k * n);
        b.block(0, k, j0, n, block, 0, n);
        multiply(m, n, k, a, aOff, aRowStride, aColStride, block, 0, n, 1, c, cOff, ldc, accumulate);
    }

    /** A short name for benchmarks and {@code vaelab info}. */
    String name();

    /**
     * The rows of C that one step of the kernel computes together; a share of C split by rows is a
     * multiple of it, so that no thread computes a partial tile it then throws away.
     */
    int tileRows();

    /** The columns of C that one step of the kernel computes together; the same for splits by columns. */
    int tileColumns();
}
