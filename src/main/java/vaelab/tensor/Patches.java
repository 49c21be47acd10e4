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
        Column first = new Column(j0);
        Row r = new Row(p0);
        for (int p = 0; p < rows; p++, r.next()) {
            run(r, first, cols, dst, off + p * ld, 1);
        }
    }

    /** The transposed matrix (n·oh·ow, c·kh·kw): a weight gradient's Xᵀ, as an operand. */
    public GemmOperand transposed() {
        return (p0, rows, j0, cols, dst, off, ld) -> {
            Column first = new Column(p0);
            Row r = new Row(j0);
            for (int j = 0; j < cols; j++, r.next()) {
                run(r, first, rows, dst, off + j, ld);
            }
        };
    }

    /** A patch row (ci, ki, kj), counted on from one row to the next instead of divided out each time. */
    private final class Row {
        int ci, ki, kj;

        Row(int r) {
            kj = r % kw;
            ki = (r / kw) % kh;
            ci = r / (kw * kh);
        }

        void next() {
            if (++kj == kw) {
                kj = 0;
                if (++ki == kh) {
                    ki = 0;
                    ci++;
                }
            }
        }
    }

    /** A column (image, oy, ox) of the patches. */
    private final class Column {
        final int img, oy, ox;

        Column(int j) {
            int pixels = oh * ow;
            img = j / pixels;
            oy = (j - img * pixels) / ow;
            ox = j - img * pixels - oy * ow;
        }
    }

    /** {@code len} columns of patch row r from column {@code from}, written at dst[at], dst[at + step], … */
    private void run(Row r, Column from, int len, float[] dst, int at, int step) {
        int kj = r.kj;
        int ki = r.ki;
        int lo = Im2col.firstInside(kj, stride, pad);
        int hi = Im2col.endInside(kj, stride, pad, w, ow);
        int oy = from.oy;
        int ox = from.ox;
        int plane = (from.img * c + r.ci) * h * w;
        int left = len;
        while (left > 0) {
            int run = Math.min(ow - ox, left);
            int y = oy * stride - pad + ki;
            // The loops count the indices they write and read, not t (see VectorGemm.kernel6).
            int d = at;
            int end = at + run * step;
            if (y >= 0 && y < h) {
                // Output columns [ox, ox + run): zeros left of lo, the image in [lo, hi), zeros from hi.
                int inFrom = Math.min(Math.max(lo, ox), ox + run) - ox;
                int inTo = Math.max(Math.min(hi, ox + run) - ox, inFrom);
                for (int zeroEnd = at + inFrom * step; d < zeroEnd; d += step) {
                    dst[d] = 0f;
                }
                int s = plane + y * w - pad + kj + (ox + inFrom) * stride;
                for (int copyEnd = at + inTo * step; d < copyEnd; d += step, s += stride) {
                    dst[d] = x[s];
                }
            }
            for (; d < end; d += step) {
                dst[d] = 0f;
            }
            at = end;
            left -= run;
            ox += run;
            if (ox == ow) {
                ox = 0;
                if (++oy == oh) {
                    oy = 0;
                    plane += c * h * w;
                }
            }
        }
    }
}
