package vaelab.tensor;

/**
 * The unfolding that turns a convolution into one matrix product, and its adjoint.
 *
 * <p>{@link #im2col} lays the patches of a batch (n, c, h, w) out as a matrix of shape
 * (c·kh·kw, n·oh·ow): row (ci, ki, kj), column (image, oy, ox) holds
 * x[image, ci, oy·stride − pad + ki, ox·stride − pad + kj], or 0 outside the image. A convolution is
 * then W (o, c·kh·kw) · cols. {@link #col2im} adds such a matrix back onto an image batch: it is the
 * transpose of im2col, which is why it gives the input gradient of a convolution and the forward
 * pass of a transposed convolution.
 *
 * <p>The convolutions no longer write the patches out: the GEMM packs them from the image through
 * {@link Patches}. {@link #im2col} stays as the matrix written out whole, the reference Patches is
 * tested against (PatchesProperties) and what {@link #col2im} is the adjoint of.
 */
public final class Im2col {
    private Im2col() {
    }

    /** Output size along one axis: ⌊(in + 2·pad − k) / stride⌋ + 1. */
    public static int outputSize(int in, int k, int stride, int pad) {
        return (in + 2 * pad - k) / stride + 1;
    }

    public static void im2col(float[] x, int n, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] cols) {
        int oh = outputSize(h, kh, stride, pad);
        int ow = outputSize(w, kw, stride, pad);
        int columns = n * oh * ow;
        forImages(n, (long) c * kh * kw * columns, (imgFrom, imgTo) -> {
          for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int row = ((ci * kh + ki) * kw + kj) * columns;
                    for (int img = imgFrom; img < imgTo; img++) {
                        int src = (img * c + ci) * h * w;
                        int dst = row + img * oh * ow;
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * stride - pad + ki;
                            int d = dst + oy * ow;
                            if (y < 0 || y >= h) {
                                java.util.Arrays.fill(cols, d, d + ow, 0f);
                                continue;
                            }
                            int srcRow = src + y * w - pad + kj;
                            int lo = firstInside(kj, stride, pad);
                            int hi = endInside(kj, stride, pad, w, ow);
                            java.util.Arrays.fill(cols, d, d + Math.min(lo, ow), 0f);
                            if (stride == 1) {
                                if (hi > lo) {
                                    System.arraycopy(x, srcRow + lo, cols, d + lo, hi - lo);
                                }
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    cols[d + ox] = x[srcRow + ox * stride];
                                }
                            }
                            java.util.Arrays.fill(cols, d + Math.max(hi, Math.min(lo, ow)), d + ow, 0f);
                        }
                    }
                }
            }
          }
        });
    }

    /** Adds {@code cols} (c·kh·kw, n·oh·ow) onto {@code x} (n, c, h, w): the adjoint of im2col. */
    public static void col2im(float[] cols, int n, int c, int h, int w, int kh, int kw, int stride, int pad,
                              float[] x) {
        int oh = outputSize(h, kh, stride, pad);
        int ow = outputSize(w, kw, stride, pad);
        int columns = n * oh * ow;
        // Each image's planes are written by one task, each element's additions in the same order
        // (over ki, then kj) as on one thread. The output rows and columns that land inside the image
        // depend on ki and kj alone, so they are found (two divisions each) once per ki and kj, not once
        // per output row of 8 or 16 values: 1.58 → 1.09 ns a value at 64 channels 16×16 3×3 on a Xeon,
        // alone on one thread (unchanged at 4×4 stride 2 and at 8×8). Unit stride gets a loop of its
        // own that C2 can vectorize.
        forImages(n, (long) c * kh * kw * columns, (imgFrom, imgTo) -> {
          for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < kh; ki++) {
                int oyFrom = firstInside(ki, stride, pad);
                int oyTo = endInside(ki, stride, pad, h, oh);
                for (int kj = 0; kj < kw; kj++) {
                    int oxFrom = firstInside(kj, stride, pad);
                    int oxTo = endInside(kj, stride, pad, w, ow);
                    int row = ((ci * kh + ki) * kw + kj) * columns;
                    for (int img = imgFrom; img < imgTo; img++) {
                        int dstImg = (img * c + ci) * h * w;
                        int src = row + img * oh * ow;
                        for (int oy = oyFrom; oy < oyTo; oy++) {
                            int dstRow = dstImg + (oy * stride - pad + ki) * w - pad + kj;
                            int s = src + oy * ow;
                            if (stride == 1) {
                                for (int ox = oxFrom; ox < oxTo; ox++) {
                                    x[dstRow + ox] += cols[s + ox];
                                }
                            } else {
                                for (int ox = oxFrom; ox < oxTo; ox++) {
                                    x[dstRow + ox * stride] += cols[s + ox];
                                }
                            }
                        }
                    }
                }
            }
          }
        });
    }

    /** Images [from, to) of a batch, a range per compute thread when the work is large. */
    @FunctionalInterface
    private interface ImageRange {
        void run(int from, int to);
    }

    private static void forImages(int images, long work, ImageRange body) {
        int tasks = work < (1 << 16) ? 1 : Math.min(images, Parallel.threads());
        Parallel.forEach(tasks, t -> body.run(images * t / tasks, images * (t + 1) / tasks));
    }

    /** The first output column whose input column ox·stride − pad + kj is ≥ 0. */
    static int firstInside(int kj, int stride, int pad) {
        int need = pad - kj; // ox·stride ≥ need
        return need <= 0 ? 0 : (need + stride - 1) / stride;
    }

    /** One past the last output column whose input column ox·stride − pad + kj is &lt; w (capped at ow). */
    static int endInside(int kj, int stride, int pad, int w, int ow) {
        int limit = w + pad - kj; // ox·stride < limit
        if (limit <= 0) {
            return 0;
        }
        return Math.min(ow, (limit + stride - 1) / stride);
    }

    /** Reorders (a, b, inner) to (b, a, inner): e.g. (o, n, pixels) ↔ (n, o, pixels). */
    public static void swapOuterAxes(float[] src, int a, int b, int inner, float[] dst) {
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(src, (i * b + j) * inner, dst, (j * a + i) * inner, inner);
            }
        }
    }
}
