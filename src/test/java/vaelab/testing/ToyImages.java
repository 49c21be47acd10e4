package vaelab.testing;

import vaelab.data.LabeledImages;
import vaelab.tensor.Rng;

/** Tiny image data sets that small models learn in seconds. */
public final class ToyImages {
    private ToyImages() {
    }

    /** Blurry blobs at random places on an 8×8 grid, one class. */
    public static LabeledImages blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] px = new float[n * 64];
        for (int i = 0; i < n; i++) {
            float cx = 1.5f + 5 * rng.nextFloat();
            float cy = 1.5f + 5 * rng.nextFloat();
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    float d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    px[i * 64 + y * 8 + x] = (float) Math.exp(-d2 / 3);
                }
            }
        }
        return new LabeledImages(px, new int[n], n, 1, 8, 8, new String[] {"blob"});
    }
}
