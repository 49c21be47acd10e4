package vaelab.tensor;

/**
 * Float32 matrix multiplication on row-major arrays, in the three layouts that a matmul and its
 * backward need. Each method writes an m×n block of {@code c} starting at {@code cOff}, either
 * overwriting it or adding to it ({@code accumulate}).
 *
 * <ul>
 *   <li>{@code nn}: C = A·B, A is m×k, B is k×n (the forward product);</li>
 *   <li>{@code tn}: C = Aᵀ·B, A is stored k×m (the weight gradient Xᵀ·dY);</li>
 *   <li>{@code nt}: C = A·Bᵀ, B is stored n×k (the input gradient dY·Wᵀ).</li>
 * </ul>
 *
 * <p>The reference kernels, against which the fast ones in {@link Gemm} are tested: textbook loops,
 * each output element summed over k in increasing order.
 */
public final class GemmReference {
    private GemmReference() {
    }

    public static void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                float av = a[ai + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    row[j] += av * b[bp + j];
                }
            }
            store(row, c, cOff + i * n, accumulate);
        }
    }

    public static void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float av = a[aOff + p * m + i];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    row[j] += av * b[bp + j];
                }
            }
            store(row, c, cOff + i * n, accumulate);
        }
    }

    public static void nt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    private static void store(float[] row, float[] c, int off, boolean accumulate) {
        if (accumulate) {
            for (int j = 0; j < row.length; j++) {
                c[off + j] += row[j];
            }
        } else {
            System.arraycopy(row, 0, c, off, row.length);
        }
    }
}
