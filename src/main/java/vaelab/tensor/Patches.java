package vaelab.tensor;

/**
 * The matrix {@link Im2col#im2col} would write, (c·kh·kw, n·oh·ow), as a product's operand that reads
 * the image instead: row (ci, ki, kj), column (image, oy, ox) is
 * x[image, ci, oy·stride − pad + ki, ox·stride − pad + kj], or 0 outside the image. A block of it is
 * filled a run of output columns at a time (one output row, ow columns, at most), so the unfolded
 * patches are never written out and read back.
 */
public final class Patches implements GemmOperand {
    private final float[] x; // (n, c, h, w)
    private final int c, h, w, kh, kw, stride, pad;
    private final int oh, ow;

    private Patches(float[] x, int n, int c, int h, int w, int kh, int kw, int stride, int pad) {
        if (x.length != n * c * h * w) {
            throw new IllegalArgumentException("an image batch of " + x.length + " floats is not (" + n + ", " + c
                    + ", " + h + ", " + w + ")");
        }
        this.x = x;
        this.c = c;
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
        this.pad = pad;
        this.oh = Im2col.outputSize(h, kh, stride, pad);
        this.ow = Im2col.outputSize(w, kw, stride, pad);
    }

    /** The patches of the batch {@code x} (n, c, h, w). */
    public static Patches of(float[] x, int n, int c, int h, int w, int kh, int kw, int stride, int pad) {
        return new Patches(x, n, c, h, w, kh, kw, stride, pad);
    }

    @Override
    public void block(int p0, int rows, int j0, int cols, float[] dst, int off, int ld) {
        for (int p = 0; p < rows; p++) {
            row(p0 + p, j0, cols, dst, off + p * ld, 1);
        }
    }

    /** The transposed matrix (n·oh·ow, c·kh·kw): a weight gradient's Xᵀ, as an operand. */
    public GemmOperand transposed() {
        return (p0, rows, j0, cols, dst, off, ld) -> {
            for (int j = 0; j < cols; j++) {
                row(j0 + j, p0, rows, dst, off + j, ld);
            }
        };
    }

    /** Columns from..from+len of patch row r, written at dst[at], dst[at + step], … */
    private void row(int r, int from, int len, float[] dst, int at, int step) {
        int kj = r % kw;
        int ki = (r / kw) % kh;
        int ci = r / (kw * kh);
        int lo = Im2col.firstInside(kj, stride, pad);
        int hi = Im2col.endInside(kj, stride, pad, w, ow);
        int pixels = oh * ow;
        int j = from;
        int end = from + len;
        while (j < end) {
            int img = j / pixels;
            int oy = (j - img * pixels) / ow;
            int ox = j - img * pixels - oy * ow;
            int run = Math.min(ow - ox, end - j);
            int y = oy * stride - pad + ki;
            if (y < 0 || y >= h) {
                for (int t = 0; t < run; t++) {
                    dst[at + t * step] = 0f;
                }
            } else {
                // Output columns [ox, ox + run): zeros left of lo, the image in [lo, hi), zeros from hi.
                int src = ((img * c + ci) * h + y) * w - pad + kj;
                int inFrom = Math.min(Math.max(lo, ox), ox + run);
                int inTo = Math.max(Math.min(hi, ox + run), inFrom);
                int t = 0;
                for (; t < inFrom - ox; t++) {
                    dst[at + t * step] = 0f;
                }
                for (; t < inTo - ox; t++) {
                    dst[at + t * step] = x[src + (ox + t) * stride];
                }
                for (; t < run; t++) {
                    dst[at + t * step] = 0f;
                }
            }
            at += run * step;
            j += run;
        }
    }
}
