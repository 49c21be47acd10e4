package vaelab.tensor;

/**
 * GEMM in plain Java that C2 auto-vectorises: a panel of B is copied into separate row arrays, and
 * four rows of C accumulate in scratch rows, so the inner loop indexes every array with the same
 * plain {@code j} (C2 does not vectorise loops whose arrays run at different offsets) and each load
 * of B serves four rows. Each C element is summed over p in increasing order within blocks of
 * {@value #KC}, the blocks added in order.
 */
final class ScalarGemm implements GemmKernel {
    static final int KC = 128;
    static final int NC = 512;

    private static final ThreadLocal<float[][]> PANEL = ThreadLocal.withInitial(() -> new float[KC][NC]);
    private static final ThreadLocal<float[][]> ROWS = ThreadLocal.withInitial(() -> new float[4][NC]);

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int tileRows() {
        return 4;
    }

    @Override
    public int tileColumns() {
        // Any split gives the same sums; 16 floats (a 64-byte cache line) keep two threads from writing
        // the same line of C at the seam between their shares.
        return 16;
    }

    @Override
    public void multiply(int m, int n, int k,
                         float[] a, int aOff, int aRs, int aCs,
                         float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        float[][] panel = PANEL.get();
        float[][] rows = ROWS.get();
        if (k == 0) {
            clearIfOverwriting(m, n, c, cOff, ldc, accumulate);
            return;
        }
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int p = 0; p < kc; p++) {
                    float[] row = panel[p];
                    int src = bOff + (pc + p) * bRs + jc * bCs;
                    for (int j = 0; j < nc; j++) {
                        row[j] = b[src + j * bCs];
                    }
                }
                boolean add = accumulate || pc > 0;
                int i = 0;
                for (; i + 3 < m; i += 4) {
                    float[] r0 = rows[0];
                    float[] r1 = rows[1];
                    float[] r2 = rows[2];
                    float[] r3 = rows[3];
                    java.util.Arrays.fill(r0, 0, nc, 0f);
                    java.util.Arrays.fill(r1, 0, nc, 0f);
                    java.util.Arrays.fill(r2, 0, nc, 0f);
                    java.util.Arrays.fill(r3, 0, nc, 0f);
                    int ai = aOff + i * aRs + pc * aCs;
                    int p = 0;
                    // Two rows of B a pass: each scratch row is loaded and stored once for two steps of p,
                    // which were the loop's limit (9 loads and stores a vector for 4 multiply-adds). The
                    // sums are the same, in the same order: r + a·b for p, then for p + 1.
                    for (; p + 1 < kc; p += 2) {
                        int ap = ai + p * aCs;
                        int aq = ap + aCs;
                        float a0 = a[ap];
                        float a1 = a[ap + aRs];
                        float a2 = a[ap + 2 * aRs];
                        float a3 = a[ap + 3 * aRs];
                        float q0 = a[aq];
                        float q1 = a[aq + aRs];
                        float q2 = a[aq + 2 * aRs];
                        float q3 = a[aq + 3 * aRs];
                        float[] bp = panel[p];
                        float[] bq = panel[p + 1];
                        for (int j = 0; j < nc; j++) {
                            float bv = bp[j];
                            float bw = bq[j];
                            r0[j] = (r0[j] + a0 * bv) + q0 * bw;
                            r1[j] = (r1[j] + a1 * bv) + q1 * bw;
                            r2[j] = (r2[j] + a2 * bv) + q2 * bw;
                            r3[j] = (r3[j] + a3 * bv) + q3 * bw;
                        }
                    }
                    for (; p < kc; p++) {
                        int ap = ai + p * aCs;
                        float a0 = a[ap];
                        float a1 = a[ap + aRs];
                        float a2 = a[ap + 2 * aRs];
                        float a3 = a[ap + 3 * aRs];
                        float[] bp = panel[p];
                        for (int j = 0; j < nc; j++) {
                            float bv = bp[j];
                            r0[j] += a0 * bv;
                            r1[j] += a1 * bv;
                            r2[j] += a2 * bv;
                            r3[j] += a3 * bv;
                        }
                    }
                    for (int r = 0; r < 4; r++) {
                        store(rows[r], nc, c, cOff + (i + r) * ldc + jc, add);
                    }
                }
                for (; i < m; i++) {
                    float[] r0 = rows[0];
                    java.util.Arrays.fill(r0, 0, nc, 0f);
                    int ai = aOff + i * aRs + pc * aCs;
                    for (int p = 0; p < kc; p++) {
                        float a0 = a[ai + p * aCs];
                        float[] bp = panel[p];
                        for (int j = 0; j < nc; j++) {
                            r0[j] += a0 * bp[j];
                        }
                    }
                    store(r0, nc, c, cOff + i * ldc + jc, add);
                }
            }
        }
    }

    private static void store(float[] row, int nc, float[] c, int off, boolean add) {
        if (add) {
            for (int j = 0; j < nc; j++) {
                c[off + j] += row[j];
            }
        } else {
            System.arraycopy(row, 0, c, off, nc);
        }
    }

    static void clearIfOverwriting(int m, int n, float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
    }
}
