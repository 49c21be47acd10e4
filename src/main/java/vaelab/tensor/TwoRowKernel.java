package vaelab.tensor;

import static vaelab.tensor.VectorGemm.L;
import static vaelab.tensor.VectorGemm.S;

import jdk.incubator.vector.FloatVector;

/**
 * The GEMM kernel for one or two rows of C with B read where it lies, row-major, unpacked: what
 * drawing a picture multiplies at each step (see {@code VectorGemm.multiplyUnpacked}). GemmTest holds it
 * bit for bit to the chain of {@code Math.fma} it documents and to {@link GemmReference}'s loops. Load
 * only with the module present.
 */
final class TwoRowKernel {
    private TwoRowKernel() {
    }

    /**
     * Two rows × four vectors of C over kc steps, B read in place (row stride {@code bRs}), A from a
     * packed panel of {@code as} rows; row 1 is written only when {@code m} is 2. Sums as
     * {@link VectorGemm}'s packed kernels and their write to C do: a chain of FMAs from zero, then added to C.
     */
    static void multiply(int m, int kc, float[] ap, int as, float[] b, int bi, int bRs,
                         float[] c, int cAt, int ldc, boolean add) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
        long bLast = bi + (long) (kc - 1) * bRs + 4L * L;
        if (bi < 0 || bLast > b.length || (long) (kc - 1) * as + 2 > ap.length) {
            throw new IndexOutOfBoundsException("unpacked kernel operands out of range");
        }
        int a0 = 0;
        int bEnd = bi + kc * bRs;
        for (int b0 = bi; b0 < bEnd; b0 += bRs, a0 += as) {
            FloatVector x0 = FloatVector.fromArray(S, b, b0);
            FloatVector x1 = FloatVector.fromArray(S, b, b0 + L);
            FloatVector x2 = FloatVector.fromArray(S, b, b0 + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, b, b0 + 3 * L);
            FloatVector w = FloatVector.broadcast(S, ap[a0]);
            c00 = w.fma(x0, c00);
            c01 = w.fma(x1, c01);
            c02 = w.fma(x2, c02);
            c03 = w.fma(x3, c03);
            w = FloatVector.broadcast(S, ap[a0 + 1]);
            c10 = w.fma(x0, c10);
            c11 = w.fma(x1, c11);
            c12 = w.fma(x2, c12);
            c13 = w.fma(x3, c13);
        }
        store(c00, c, cAt, add);
        store(c01, c, cAt + L, add);
        store(c02, c, cAt + 2 * L, add);
        store(c03, c, cAt + 3 * L, add);
        if (m == 2) {
            store(c10, c, cAt + ldc, add);
            store(c11, c, cAt + ldc + L, add);
            store(c12, c, cAt + ldc + 2 * L, add);
            store(c13, c, cAt + ldc + 3 * L, add);
        }
    }

    private static void store(FloatVector v, float[] c, int at, boolean add) {
        (add ? v.add(FloatVector.fromArray(S, c, at)) : v).intoArray(c, at);
    }
}
