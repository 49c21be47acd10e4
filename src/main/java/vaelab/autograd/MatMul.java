package vaelab.autograd;

import java.util.Arrays;
import vaelab.tensor.Gemm;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * Matrix product of 2-D and batched tensors.
 *
 * <p>Forward C = A·B; backward dA = dC·Bᵀ and dB = Aᵀ·dC, both on the same {@link Gemm} kernels.
 */
public final class MatMul {
    private MatMul() {
    }

    /**
     * The product over the last two axes. Shapes: (m,k)·(k,n) → (m,n); (…,m,k)·(…,k,n) → (…,m,n) with
     * equal leading axes; and (…,m,k)·(k,n) → (…,m,n), one matrix shared by the whole batch.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul needs tensors of rank 2 or more, got " + a.shape() + " and " + b.shape());
        }
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        if (b.dim(-2) != k) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + a.shape() + " · " + b.shape());
        }
        int[] aDims = a.dims();
        int[] batch = Arrays.copyOf(aDims, aDims.length - 2);
        if (b.rank() > 2) {
            int[] bBatch = Arrays.copyOf(b.dims(), b.rank() - 2);
            if (!Arrays.equals(batch, bBatch)) {
                throw new IllegalArgumentException("matmul: batch dimensions differ: " + a.shape() + " · " + b.shape());
            }
        }
        int[] outDims = Arrays.copyOf(aDims, aDims.length);
        outDims[outDims.length - 1] = n;
        Shape out = Shape.of(outDims);
        int batches = a.shape().sizeBefore(a.rank() - 2);
        float[] x = a.data();
        float[] w = b.data();
        float[] y = new float[out.size()];
        if (b.rank() == 2) {
            // A shared right-hand matrix: the batch folds into the rows, one larger product.
            Gemm.nn(batches * m, n, k, x, 0, w, 0, y, 0, false);
            return Tensor.fromOp("matmul", y, out, g -> {
                if (a.requiresGrad()) {
                    Gemm.nt(batches * m, k, n, g, 0, w, 0, a.gradBuffer(), 0, true);
                }
                if (b.requiresGrad()) {
                    Gemm.tn(k, n, batches * m, x, 0, g, 0, b.gradBuffer(), 0, true);
                }
            }, a, b);
        }
        for (int s = 0; s < batches; s++) {
            Gemm.nn(m, n, k, x, s * m * k, w, s * k * n, y, s * m * n, false);
        }
        return Tensor.fromOp("matmul", y, out, g -> {
            for (int s = 0; s < batches; s++) {
                if (a.requiresGrad()) {
                    Gemm.nt(m, k, n, g, s * m * n, w, s * k * n, a.gradBuffer(), s * m * k, true);
                }
                if (b.requiresGrad()) {
                    Gemm.tn(k, n, m, x, s * m * k, g, s * m * n, b.gradBuffer(), s * k * n, true);
                }
            }
        }, a, b);
    }
}
