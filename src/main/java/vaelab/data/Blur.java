package vaelab.data;

import vaelab.tensor.Rng;

/**
 * Box blur of pictures, for training a judge that must also read pictures less sharp than the ones
 * it learns from (a VAE's pictures are means, and means are soft). One pass averages each value
 * with its 3×3 neighbourhood (the border repeats the edge); two passes spread over 5×5.
 */
public final class Blur {
    private Blur() {
    }

    /** Blurs {@code passes} times, in place, one picture of (channels, side, side) at {@code offset}. */
    public static void box(float[] pixels, int offset, int channels, int side, int passes) {
        float[] tmp = new float[side * side];
        for (int pass = 0; pass < passes; pass++) {
            for (int c = 0; c < channels; c++) {
                int base = offset + c * side * side;
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        float sum = 0;
                        for (int dy = -1; dy <= 1; dy++) {
                            int yy = Math.min(side - 1, Math.max(0, y + dy));
                            for (int dx = -1; dx <= 1; dx++) {
                                int xx = Math.min(side - 1, Math.max(0, x + dx));
                                sum += pixels[base + yy * side + xx];
                            }
                        }
                        tmp[y * side + x] = sum / 9f;
                    }
                }
                System.arraycopy(tmp, 0, pixels, base, side * side);
            }
        }
    }

    /**
     * Blurs each picture of a batch (n, channels, side, side) by 0, 1 or 2 passes, drawn from
     * {@code rng} with equal chances: a third stay sharp.
     */
    public static void randomly(float[] batch, int n, int channels, int side, Rng rng) {
        int size = channels * side * side;
        for (int i = 0; i < n; i++) {
            box(batch, i * size, channels, side, rng.nextInt(3));
        }
    }
}
