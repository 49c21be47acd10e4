package vaelab.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

class ConvolutionTest {
    /** The definition, loop by loop. */
    static float[] naiveConv(Tensor x, Tensor w, Tensor b, int stride, int pad) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (wd + 2 * pad - kw) / stride + 1;
        float[] y = new float[n * o * oh * ow];
        for (int img = 0; img < n; img++)
            for (int oc = 0; oc < o; oc++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b == null ? 0 : b.data()[oc];
                        for (int ic = 0; ic < c; ic++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int yy = oy * stride - pad + i, xx = ox * stride - pad + j;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        s += x.get(img, ic, yy, xx) * w.get(oc, ic, i, j);
                                    }
                                }
                        y[((img * o + oc) * oh + oy) * ow + ox] = (float) s;
                    }
        return y;
    }

    @Test
    void conv2dMatchesTheDefinition() {
        Rng r = new Rng(1);
        for (int[] cfg : new int[][] {{3, 1, 1}, {4, 2, 1}, {5, 1, 2}, {3, 2, 0}, {1, 1, 0}}) {
            Tensor x = Tensor.randn(r, 2, 3, 9, 7);
            Tensor w = Tensor.randn(r, 4, 3, cfg[0], cfg[0]);
            Tensor b = Tensor.randn(r, 4);
            float[] expected = naiveConv(x, w, b, cfg[1], cfg[2]);
            float[] actual = Convolution.conv2d(x, w, b, cfg[1], cfg[2]).data();
            assertThat(actual).containsExactly(expected, within(1e-4f));
        }
    }

    /** dx of the definition: each output gradient sent back to the pixels its patch read. */
    static float[] naiveInputGradient(Tensor g, Tensor w, int n, int c, int h, int wd, int stride, int pad) {
        int o = w.dim(0), kh = w.dim(2), kw = w.dim(3), oh = g.dim(2), ow = g.dim(3);
        double[] dx = new double[n * c * h * wd];
        for (int img = 0; img < n; img++)
            for (int oc = 0; oc < o; oc++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                        for (int ic = 0; ic < c; ic++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int yy = oy * stride - pad + i, xx = ox * stride - pad + j;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        dx[((img * c + ic) * h + yy) * wd + xx] += g.get(img, oc, oy, ox) * w.get(oc, ic, i, j);
                                    }
                                }
        float[] out = new float[dx.length];
        for (int i = 0; i < dx.length; i++) out[i] = (float) dx[i];
        return out;
    }

    @Test
    void theInputGradientIsTheDefinitionsAtEveryKernelPaddingAndStride() {
        // Stride 1 with pad < k takes the convolution of dY with the flipped kernel; the rest col2im.
        Rng r = new Rng(4);
        for (int[] cfg : new int[][] {{1, 1, 0}, {2, 1, 0}, {2, 1, 1}, {3, 1, 0}, {3, 1, 1}, {3, 1, 2}, {5, 1, 2},
                {3, 1, 3}, {4, 2, 1}, {3, 2, 0}}) {
            int k = cfg[0], stride = cfg[1], pad = cfg[2];
            Tensor x = Tensor.randn(r, 2, 3, 9, 7).requiresGrad(true);
            Tensor w = Tensor.randn(r, 4, 3, k, k);
            Tensor y = Convolution.conv2d(x, w, null, stride, pad);
            Tensor g = Tensor.randn(r, y.shape().dims());
            Reductions.sum(Arithmetic.mul(y, g)).backward();
            float[] expected = naiveInputGradient(g, w, 2, 3, 9, 7, stride, pad);
            assertThat(x.grad()).as("k %d stride %d pad %d", k, stride, pad).containsExactly(expected, within(1e-4f));
        }
    }

    @Test
    void convTransposeIsTheAdjointOfConv() {
        // ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ for the same weight and no bias.
        Rng r = new Rng(2);
        Tensor x = Tensor.randn(r, 2, 3, 8, 8);
        Tensor w = Tensor.randn(r, 5, 3, 4, 4);
        Tensor cx = Convolution.conv2d(x, w, null, 2, 1);
        assertThat(cx.shape()).isEqualTo(Shape.of(2, 5, 4, 4));
        Tensor y = Tensor.randn(r, 2, 5, 4, 4);
        Tensor ty = Convolution.convTranspose2d(y, w, null, 2, 1, 0);
        assertThat(ty.shape()).isEqualTo(x.shape());
        double left = 0, right = 0;
        for (int i = 0; i < cx.size(); i++) left += cx.data()[i] * y.data()[i];
        for (int i = 0; i < x.size(); i++) right += x.data()[i] * ty.data()[i];
        assertThat(left).isCloseTo(right, within(1e-3 * Math.abs(left)));
    }

    @Test
    void outputSizesFollowPyTorch() {
        Rng r = new Rng(3);
        // The conv VAE's decoder: 8×8 → 16×16 → 32×32 with 4×4 kernels, stride 2, pad 1.
        assertThat(Convolution.convTranspose2d(Tensor.randn(r, 1, 4, 8, 8), Tensor.randn(r, 4, 2, 4, 4), null, 2, 1, 0).shape())
                .isEqualTo(Shape.of(1, 2, 16, 16));
        // 7×7 → 14×14 with a 3×3 kernel needs output padding 1.
        assertThat(Convolution.convTranspose2d(Tensor.randn(r, 1, 1, 7, 7), Tensor.randn(r, 1, 1, 3, 3), null, 2, 1, 1).shape())
                .isEqualTo(Shape.of(1, 1, 14, 14));
        assertThat(Convolution.conv2d(Tensor.randn(r, 1, 1, 28, 28), Tensor.randn(r, 2, 1, 3, 3), null, 1, 1).shape())
                .isEqualTo(Shape.of(1, 2, 28, 28));
    }

    @Test
    void shapeErrorsNameTheShapes() {
        Rng r = new Rng(4);
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.randn(r, 1, 2, 5, 5), Tensor.randn(r, 3, 4, 3, 3), null, 1, 0))
                .hasMessageContaining("(1, 2, 5, 5)").hasMessageContaining("(3, 4, 3, 3)");
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.randn(r, 2, 5, 5), Tensor.randn(r, 3, 2, 3, 3), null, 1, 0))
                .hasMessageContaining("rank 4");
        assertThatThrownBy(() -> Convolution.conv2d(Tensor.randn(r, 1, 1, 2, 2), Tensor.randn(r, 1, 1, 3, 3), null, 1, 0))
                .hasMessageContaining("does not fit");
    }

    @Test
    void sameBitsOnOneOrTwoThreads() {
        // Large enough that im2col, col2im and the GEMMs all split across threads.
        float[][] results = new float[4][];
        for (int threads = 1; threads <= 2; threads++) {
            vaelab.tensor.Parallel.setThreads(threads);
            try {
                Rng r = new Rng(5);
                Tensor x = Tensor.randn(r, 16, 8, 12, 12).requiresGrad(true);
                Tensor w = Tensor.randn(r, 6, 8, 4, 4).requiresGrad(true);
                Tensor y = Convolution.conv2d(x, w, null, 2, 1);
                Tensor t = Convolution.convTranspose2d(y, Tensor.randn(r, 6, 8, 4, 4), null, 2, 1, 0);
                vaelab.autograd.Reductions.sum(vaelab.autograd.Arithmetic.mul(t, t)).backward();
                results[2 * (threads - 1)] = t.data();
                results[2 * (threads - 1) + 1] = x.grad();
            } finally {
                vaelab.tensor.Parallel.setThreads(Runtime.getRuntime().availableProcessors());
            }
        }
        assertThat(results[2]).isEqualTo(results[0]);
        assertThat(results[3]).isEqualTo(results[1]);
    }

    @Test
    void maxPoolPicksWindowMaxima() {
        Tensor x = Tensor.of(new float[] {1, 2, 5, 3, 4, 0, 1, 9, 7, 7, 2, 2, 8, 1, 3, 4}, 1, 1, 4, 4);
        assertThat(Pooling.maxPool2d(x, 2).data()).containsExactly(4, 9, 8, 4);
    }
}
