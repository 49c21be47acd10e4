package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** im2col against its definition, and col2im as its exact adjoint, over random geometries. */
class Im2colProperties {
    @Property(tries = 300)
    void matchesTheDefinitionAndIsAdjoint(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                                          @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
                                          @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 3) int stride,
                                          @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll long seed) {
        if (h + 2 * pad < k || w + 2 * pad < k) {
            return; // no output position fits
        }
        int oh = Im2col.outputSize(h, k, stride, pad);
        int ow = Im2col.outputSize(w, k, stride, pad);
        Rng rng = new Rng(seed);
        float[] x = Tensor.randn(rng, n * c * h * w).data();
        float[] cols = new float[c * k * k * n * oh * ow];
        java.util.Arrays.fill(cols, Float.NaN); // every entry must be written
        Im2col.im2col(x, n, c, h, w, k, k, stride, pad, cols);
        int columns = n * oh * ow;
        for (int ci = 0; ci < c; ci++)
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++)
                    for (int img = 0; img < n; img++)
                        for (int oy = 0; oy < oh; oy++)
                            for (int ox = 0; ox < ow; ox++) {
                                int y = oy * stride - pad + ki, xx = ox * stride - pad + kj;
                                float expected = y >= 0 && y < h && xx >= 0 && xx < w ? x[((img * c + ci) * h + y) * w + xx] : 0f;
                                int row = (ci * k + ki) * k + kj;
                                assertThat(cols[row * columns + (img * oh + oy) * ow + ox]).isEqualTo(expected);
                            }
        float[] g = Tensor.randn(rng, cols.length).data();
        float[] back = new float[x.length];
        Im2col.col2im(g, n, c, h, w, k, k, stride, pad, back);
        double left = 0, right = 0;
        for (int i = 0; i < cols.length; i++) left += (double) cols[i] * g[i];
        for (int i = 0; i < x.length; i++) right += (double) x[i] * back[i];
        assertThat(left).isCloseTo(right, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(left))));
    }
}
