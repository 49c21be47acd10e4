package vaelab.tensor;

/**
 * The matrix {@link Im2col#im2col} would write, (c·kh·kw, n·oh·ow), as a product's operand that reads
 * the image instead: row (ci, ki, kj), column (image, oy, ox) is
 * x[image, ci, oy·stride − pad + ki, ox·stride − pad + kj], or 0 outside the image. The unfolded
 * patches are never written out and read back.
 *
 * <p>The image is copied once into a zero border {@code pad} wide, so that every element of the matrix
 * is one read at the sum of a row's offset and a column's offset: a block is a gather through two
 * tables of offsets, with no edge to test. Filled run by run of output columns instead (an edge test and up to
 * three loops per run, runs as short as 8), packing took 2.7–3.6 ns a value on a Xeon against
 * 1.6–2.2 (measured side by side, {@code PatchesBenchmark}'s shapes) — more than the 64 multiply-adds
 * each value then feeds in a discrete VAE layer.
 */
public final class Patches implements GemmOperand {
    private final float[] padded;  // (n, c, h + 2·pad, w + 2·pad): x inside a zero border
    private final int[] rowAt;     // (c·kh·kw): offset of patch row (ci, ki, kj) within an image of padded
    private final int[] columnAt;  // (n·oh·ow): offset of column (image, oy, ox)'s top-left corner in padded

    private Patches(float[] x, int n, int c, int h, int w, int kh, int kw, int stride, int pad) {
        if (x.length != n * c * h * w) {
            throw new IllegalArgumentException("an image batch of " + x.length + " floats is not (" + n + ", " + c
                    + ", " + h + ", " + w + ")");
        }
        int hp = h + 2 * pad;
        int wp = w + 2 * pad;
        this.padded = pad == 0 ? x : withBorder(x, n * c, h, w, pad);
        this.rowAt = new int[c * kh * kw];
        int r = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    rowAt[r++] = (ci * hp + ki) * wp + kj;
                }
            }
        }
        int oh = Im2col.outputSize(h, kh, stride, pad);
        int ow = Im2col.outputSize(w, kw, stride, pad);
        this.columnAt = new int[n * oh * ow];
        int j = 0;
        for (int img = 0; img < n; img++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    columnAt[j++] = img * c * hp * wp + oy * stride * wp + ox * stride;
                }
            }
        }
    }

    /** The patches of the batch {@code x} (n, c, h, w). */
    public static Patches of(float[] x, int n, int c, int h, int w, int kh, int kw, int stride, int pad) {
        return new Patches(x, n, c, h, w, kh, kw, stride, pad);
    }

    @Override
    public void block(int p0, int rows, int j0, int cols, float[] dst, int off, int ld) {
        gather(padded, rowAt, p0, rows, columnAt, j0, cols, dst, off, ld);
    }

    /** The transposed matrix (n·oh·ow, c·kh·kw): a weight gradient's Xᵀ, as an operand. */
    public GemmOperand transposed() {
        return (p0, rows, j0, cols, dst, off, ld) -> gather(padded, columnAt, p0, rows, rowAt, j0, cols, dst, off, ld);
    }

    /** dst[off + p·ld + j] = src[outer[p0 + p] + inner[j0 + j]]: each destination row written left to right. */
    private static void gather(float[] src, int[] outer, int p0, int rows, int[] inner, int j0, int cols,
                               float[] dst, int off, int ld) {
        for (int p = 0; p < rows; p++) {
            int base = outer[p0 + p];
            int d = off + p * ld;
            for (int j = 0; j < cols; j++) {
                dst[d + j] = src[base + inner[j0 + j]];
            }
        }
    }

    /** planes × (h, w) copied into planes × (h + 2·pad, w + 2·pad), the border zero. */
    private static float[] withBorder(float[] x, int planes, int h, int w, int pad) {
        int wp = w + 2 * pad;
        int planeSize = (h + 2 * pad) * wp;
        float[] out = new float[planes * planeSize];
        for (int pl = 0; pl < planes; pl++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(x, (pl * h + y) * w, out, pl * planeSize + (y + pad) * wp + pad, w);
            }
        }
        return out;
    }
}
