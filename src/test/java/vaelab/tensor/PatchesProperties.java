package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The patches operand against the matrix im2col writes, block by block and as products, over random geometries. */
class PatchesProperties {
    @Property(tries = 300)
    void anyBlockIsThatBlockOfIm2colAndOfItsTranspose(
            @ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
            @ForAll @IntRange(min = 1, max = 4) int kh, @ForAll @IntRange(min = 1, max = 4) int kw,
            @ForAll @IntRange(min = 1, max = 3) int stride, @ForAll @IntRange(min = 0, max = 2) int pad,
            @ForAll long seed) {
        if (h + 2 * pad < kh || w + 2 * pad < kw) {
            return; // no output position fits
        }
        int rows = c * kh * kw;
        int columns = n * Im2col.outputSize(h, kh, stride, pad) * Im2col.outputSize(w, kw, stride, pad);
        Rng rng = new Rng(seed);
        float[] x = Tensor.randn(rng, n * c * h * w).data();
        float[] cols = new float[rows * columns];
        Im2col.im2col(x, n, c, h, w, kh, kw, stride, pad, cols);
        Patches patches = Patches.of(x, n, c, h, w, kh, kw, stride, pad);

        int p0 = rng.nextInt(rows), j0 = rng.nextInt(columns);
        int r = 1 + rng.nextInt(rows - p0), q = 1 + rng.nextInt(columns - j0);
        int ld = q + rng.nextInt(3), off = rng.nextInt(4);
        float[] dst = new float[off + r * ld];
        Arrays.fill(dst, Float.NaN); // every entry of the block written, nothing between rows
        patches.block(p0, r, j0, q, dst, off, ld);
        for (int p = 0; p < r; p++) {
            for (int j = 0; j < ld; j++) {
                float expected = j < q ? cols[(p0 + p) * columns + j0 + j] : Float.NaN;
                assertThat(Float.floatToRawIntBits(dst[off + p * ld + j])).isEqualTo(Float.floatToRawIntBits(expected));
            }
        }

        // The transpose: (columns, rows), element (j, p) = cols[p][j].
        int tp0 = rng.nextInt(columns), tj0 = rng.nextInt(rows);
        int tr = 1 + rng.nextInt(columns - tp0), tq = 1 + rng.nextInt(rows - tj0);
        float[] tdst = new float[tr * tq];
        patches.transposed().block(tp0, tr, tj0, tq, tdst, 0, tq);
        for (int p = 0; p < tr; p++) {
            for (int j = 0; j < tq; j++) {
                assertThat(tdst[p * tq + j]).isEqualTo(cols[(tj0 + j) * columns + tp0 + p]);
            }
        }
    }

    @Property(tries = 60)
    void aProductWithThePatchesHasTheBitsOfTheProductWithTheUnfoldedMatrix(
            @ForAll @IntRange(min = 1, max = 4) int n, @ForAll @IntRange(min = 1, max = 4) int c,
            @ForAll @IntRange(min = 2, max = 12) int size, @ForAll @IntRange(min = 1, max = 40) int m,
            @ForAll @IntRange(min = 1, max = 2) int stride, @ForAll boolean vector, @ForAll boolean threaded,
            @ForAll long seed) {
        int k = 3, pad = 1;
        int rows = c * k * k;
        int out = Im2col.outputSize(size, k, stride, pad);
        int columns = n * out * out;
        Rng rng = new Rng(seed);
        float[] x = Tensor.randn(rng, n * c * size * size).data();
        float[] a = Tensor.randn(rng, m * rows).data();
        float[] at = Tensor.randn(rng, m * columns).data();
        float[] cols = new float[rows * columns];
        Im2col.im2col(x, n, c, size, size, k, k, stride, pad, cols);
        Patches patches = Patches.of(x, n, c, size, size, k, k, stride, pad);
        long threshold = Gemm.parallelThreshold();
        Gemm.useVector(vector);
        Gemm.setParallelThreshold(threaded ? 1 : Long.MAX_VALUE);
        try {
            float[] stored = new float[m * columns];
            float[] unstored = new float[m * columns];
            Gemm.nn(m, columns, rows, a, 0, cols, 0, stored, 0, false);
            Gemm.nn(m, columns, rows, a, 0, patches, unstored, 0, false);
            assertThat(unstored).isEqualTo(stored);

            // A weight gradient's form: C (m × rows) += A (m × columns) · colsᵀ.
            float[] storedT = Tensor.randn(new Rng(seed + 1), m * rows).data();
            float[] unstoredT = storedT.clone();
            Gemm.nt(m, rows, columns, at, 0, cols, 0, storedT, 0, true);
            Gemm.nn(m, rows, columns, at, 0, patches.transposed(), unstoredT, 0, true);
            assertThat(unstoredT).isEqualTo(storedT);
        } finally {
            Gemm.setParallelThreshold(threshold);
            Gemm.useVector(true);
        }
    }
}
