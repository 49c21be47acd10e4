package vaelab.autograd;

import vaelab.tensor.Gemm;
import vaelab.tensor.Im2col;
import vaelab.tensor.Patches;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;
import vaelab.tensor.Workspace;

/**
 * 2-D convolution and transposed convolution on batches laid out (n, channels, height, width).
 *
 * <p>Both run on one unfolding ({@link Im2col}) and the GEMM. A convolution is W·im2col(x), its patches
 * packed by the GEMM straight from x ({@link Patches}) instead of written out first; its input
 * gradient is col2im(Wᵀ·dY), which is exactly a transposed convolution's forward pass, and at stride 1
 * also a convolution of dY with the flipped kernel, which is how it is computed there. A transposed
 * convolution's input gradient is, in turn, a convolution of dY. The two ops below share these
 * pieces instead of duplicating them.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * y = conv2d(x, w) + b. x: (n, c, h, w); weight: (o, c, kh, kw); bias: (o) or null.
     * Output (n, o, oh, ow) with oh = ⌊(h + 2·pad − kh)/stride⌋ + 1.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int pad) {
        requireRank4("conv2d input", x);
        requireRank4("conv2d weight", weight);
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int o = weight.dim(0), kh = weight.dim(2), kw = weight.dim(3);
        if (weight.dim(1) != c) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " has " + c + " channels but weight "
                    + weight.shape() + " expects " + weight.dim(1));
        }
        checkGeometry(h, w, kh, kw, stride, pad, x.shape());
        requireBias(bias, o);
        int oh = Im2col.outputSize(h, kh, stride, pad);
        int ow = Im2col.outputSize(w, kw, stride, pad);
        int ckk = c * kh * kw;
        int cols = n * oh * ow;
        // The patches (c·kh·kw times the output) are never written out: the GEMM packs its blocks of
        // them straight from x, in the forward and again for the weight gradient.
        Patches patches = Patches.of(x.data(), n, c, h, w, kh, kw, stride, pad);
        float[] yT = Workspace.floats(1, o * cols); // (o, n·oh·ow)
        Gemm.nn(o, cols, ckk, weight.data(), 0, patches, yT, 0, false);
        float[] y = new float[o * cols];
        Im2col.swapOuterAxes(yT, o, n, oh * ow, y);
        addBias(y, bias, n, o, oh * ow);
        return Tensor.fromOp("conv2d", y, Shape.of(n, o, oh, ow), g -> {
            float[] gT = Workspace.floats(1, o * cols); // (o, n·oh·ow)
            Im2col.swapOuterAxes(g, n, o, oh * ow, gT);
            if (weight.requiresGrad()) {
                Gemm.nn(o, ckk, cols, gT, 0, patches.transposed(), weight.gradBuffer(), 0, true);
            }
            if (bias != null && bias.requiresGrad()) {
                sumRows(gT, o, cols, bias.gradBuffer());
            }
            if (x.requiresGrad()) {
                if (stride == 1 && kh == kw && pad < kh) {
                    // At stride 1 the input gradient is the convolution of dY with the flipped kernel,
                    // padded by k − 1 − pad: one product over dY's patches, where col2im(Wᵀ·dY) writes
                    // c·k² values a pixel out and adds them back one by one (the discrete VAE's step
                    // 456 → 423 and 479 → 442 ms on a 2-vCPU Xeon, alternated step by step in one JVM).
                    float[] flipped = flippedKernel(weight.data(), o, c, kh);
                    float[] gxT = Workspace.floats(0, c * n * h * w); // (c, n·h·w)
                    Gemm.nn(c, n * h * w, o * kh * kw, flipped, 0,
                            Patches.of(g, n, o, oh, ow, kh, kw, 1, kh - 1 - pad), gxT, 0, false);
                    addSwapped(gxT, c, n, h * w, x.gradBuffer());
                } else {
                    float[] gCols = Workspace.floats(0, ckk * cols);
                    Gemm.tn(ckk, cols, o, weight.data(), 0, gT, 0, gCols, 0, false);
                    Im2col.col2im(gCols, n, c, h, w, kh, kw, stride, pad, x.gradBuffer());
                }
            }
        }, inputs(x, weight, bias));
    }

    /**
     * The transpose of {@link #conv2d} with respect to its input, plus a bias: x: (n, c, h, w);
     * weight: (c, o, kh, kw) as in PyTorch; bias (o) or null. Output (n, o, oh, ow) with
     * oh = (h − 1)·stride − 2·pad + kh + outputPad; outputPad (&lt; stride) picks among the sizes that
     * a stride-s convolution maps to the same h.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int stride, int pad, int outputPad) {
        requireRank4("convTranspose2d input", x);
        requireRank4("convTranspose2d weight", weight);
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int o = weight.dim(1), kh = weight.dim(2), kw = weight.dim(3);
        if (weight.dim(0) != c) {
            throw new IllegalArgumentException("convTranspose2d: input " + x.shape() + " has " + c
                    + " channels but weight " + weight.shape() + " expects " + weight.dim(0));
        }
        if (outputPad < 0 || outputPad >= Math.max(stride, 1) || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("convTranspose2d: need stride >= 1, pad >= 0 and 0 <= outputPad < stride;"
                    + " got stride " + stride + ", pad " + pad + ", outputPad " + outputPad);
        }
        int oh = (h - 1) * stride - 2 * pad + kh + outputPad;
        int ow = (w - 1) * stride - 2 * pad + kw + outputPad;
        if (oh <= 0 || ow <= 0 || Im2col.outputSize(oh, kh, stride, pad) != h || Im2col.outputSize(ow, kw, stride, pad) != w) {
            throw new IllegalArgumentException("convTranspose2d: input " + x.shape() + " with kernel " + kh + "x" + kw
                    + ", stride " + stride + ", pad " + pad + " gives no valid output size");
        }
        requireBias(bias, o);
        int okk = o * kh * kw;
        int pixels = h * w;
        int cols = n * pixels;
        float[] xT = Workspace.floats(1, c * cols); // (c, n·h·w)
        Im2col.swapOuterAxes(x.data(), n, c, pixels, xT);
        float[] unfolded = Workspace.floats(0, okk * cols);
        Gemm.tn(okk, cols, c, weight.data(), 0, xT, 0, unfolded, 0, false);
        float[] y = new float[n * o * oh * ow];
        Im2col.col2im(unfolded, n, o, oh, ow, kh, kw, stride, pad, y);
        addBias(y, bias, n, o, oh * ow);
        return Tensor.fromOp("convTranspose2d", y, Shape.of(n, o, oh, ow), g -> {
            // The gradient flows back through a convolution of dY with the same weight, on dY's
            // patches, never written out.
            Patches gPatches = Patches.of(g, n, o, oh, ow, kh, kw, stride, pad);
            if (weight.requiresGrad()) {
                float[] inT = Workspace.floats(1, c * cols);
                Im2col.swapOuterAxes(x.data(), n, c, pixels, inT);
                Gemm.nn(c, okk, cols, inT, 0, gPatches.transposed(), weight.gradBuffer(), 0, true);
            }
            if (bias != null && bias.requiresGrad()) {
                sumChannels(g, n, o, oh * ow, bias.gradBuffer());
            }
            if (x.requiresGrad()) {
                float[] gxT = Workspace.floats(2, c * cols);
                Gemm.nn(c, cols, okk, weight.data(), 0, gPatches, gxT, 0, false);
                addSwapped(gxT, c, n, pixels, x.gradBuffer());
            }
        }, inputs(x, weight, bias));
    }

    /** (c, n, pixels) → (n, c, pixels), added into {@code dst}: a product's output, added into an input's gradient. */
    private static void addSwapped(float[] src, int c, int n, int pixels, float[] dst) {
        for (int ch = 0; ch < c; ch++) {
            for (int img = 0; img < n; img++) {
                int from = (ch * n + img) * pixels;
                int to = (img * c + ch) * pixels;
                for (int p = 0; p < pixels; p++) {
                    dst[to + p] += src[from + p];
                }
            }
        }
    }

    /** w (o, c, k, k) as (c, o, k, k), each kernel turned by 180°: the weight of the input gradient's convolution. */
    private static float[] flippedKernel(float[] w, int o, int c, int k) {
        float[] f = new float[w.length];
        int kk = k * k;
        for (int oc = 0; oc < o; oc++) {
            for (int ci = 0; ci < c; ci++) {
                int from = (oc * c + ci) * kk;
                int to = (ci * o + oc) * kk;
                for (int t = 0; t < kk; t++) {
                    f[to + t] = w[from + kk - 1 - t];
                }
            }
        }
        return f;
    }

    private static Tensor[] inputs(Tensor x, Tensor weight, Tensor bias) {
        return bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    }

    private static void addBias(float[] y, Tensor bias, int n, int o, int pixels) {
        if (bias == null) {
            return;
        }
        float[] b = bias.data();
        for (int img = 0; img < n; img++) {
            for (int ch = 0; ch < o; ch++) {
                int at = (img * o + ch) * pixels;
                float v = b[ch];
                for (int p = 0; p < pixels; p++) {
                    y[at + p] += v;
                }
            }
        }
    }

    private static void sumRows(float[] m, int rows, int cols, float[] dst) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += m[r * cols + j];
            }
            dst[r] += (float) s;
        }
    }

    private static void sumChannels(float[] g, int n, int o, int pixels, float[] dst) {
        for (int ch = 0; ch < o; ch++) {
            double s = 0;
            for (int img = 0; img < n; img++) {
                int at = (img * o + ch) * pixels;
                for (int p = 0; p < pixels; p++) {
                    s += g[at + p];
                }
            }
            dst[ch] += (float) s;
        }
    }

    private static void requireRank4(String what, Tensor t) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException(what + " must have rank 4 (n, channels, height, width), got " + t.shape());
        }
    }

    private static void requireBias(Tensor bias, int channels) {
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != channels)) {
            throw new IllegalArgumentException("bias must have shape (" + channels + ",), got " + bias.shape());
        }
    }

    private static void checkGeometry(int h, int w, int kh, int kw, int stride, int pad, Shape in) {
        if (stride < 1 || pad < 0 || h + 2 * pad < kh || w + 2 * pad < kw) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " with stride " + stride + " and pad "
                    + pad + " does not fit input " + in);
        }
    }
}
