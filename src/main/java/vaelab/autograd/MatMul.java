package vaelab.autograd;

import java.util.Arrays;
import vaelab.tensor.Broadcast;
import vaelab.tensor.Gemm;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * Matrix product of 2-D and batched tensors, and the affine map of a dense layer.
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

    /**
     * y = x·W + b for x (…, k), W (k, n), b (n): {@code add(matmul(x, w), b)} as one op, with the
     * same bits. The bias is added into the product in place, so the layer keeps one output array
     * instead of three (product, expanded bias, sum) and its backward writes no gradient for the
     * product; db sums dy's rows in the order {@code add}'s backward does.
     */
    public static Tensor affine(Tensor x, Tensor w, Tensor b) {
        if (x.rank() < 2 || w.rank() != 2 || b.rank() != 1) {
            throw new IllegalArgumentException("affine needs x (…, k), W (k, n) and b (n), got "
                    + x.shape() + ", " + w.shape() + " and " + b.shape());
        }
        int k = x.dim(-1);
        int n = w.dim(1);
        if (w.dim(0) != k || b.dim(0) != n) {
            throw new IllegalArgumentException("affine: " + x.shape() + " · " + w.shape() + " + " + b.shape() + " do not fit");
        }
        int[] outDims = x.dims();
        outDims[outDims.length - 1] = n;
        Shape out = Shape.of(outDims);
        int m = x.shape().sizeBefore(x.rank() - 1);
        float[] xs = x.data();
        float[] ws = w.data();
        float[] bs = b.data();
        float[] y = new float[out.size()];
        Gemm.nn(m, n, k, xs, 0, ws, 0, y, 0, false);
        for (int row = 0; row < y.length; row += n) {
            for (int j = 0; j < n; j++) {
                y[row + j] += bs[j];
            }
        }
        return Tensor.fromOp("affine", y, out, g -> {
            if (x.requiresGrad()) {
                Gemm.nt(m, k, n, g, 0, ws, 0, x.gradBuffer(), 0, true);
            }
            if (w.requiresGrad()) {
                Gemm.tn(k, n, m, xs, 0, g, 0, w.gradBuffer(), 0, true);
            }
            if (b.requiresGrad()) {
                Broadcast.sumTo(g, out, b.shape(), b.gradBuffer());
            }
        }, x, w, b);
    }
}
