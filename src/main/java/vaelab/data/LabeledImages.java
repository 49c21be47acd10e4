package vaelab.data;

import vaelab.data.scenes.SceneRenderer;
import vaelab.data.scenes.ScenesDataset;
import vaelab.tensor.Tensor;

/**
 * Images with a class label each, stored as one array of (count, channels, height, width) floats in
 * [0, 1] — the layout every model here reads.
 */
public record LabeledImages(float[] pixels, int[] labels, int count, int channels, int height, int width,
                            String[] classNames) {
    public LabeledImages {
        if (pixels.length != (long) count * channels * height * width || labels.length != count) {
            throw new IllegalArgumentException("pixels/labels do not match " + count + " images of "
                    + channels + "×" + height + "×" + width);
        }
    }

    /** Generated scenes with their sentiment as the label (0 negative, 1 positive), as the judge learns it. */
    public static LabeledImages sentimentOf(ScenesDataset d) {
        int[] labels = new int[d.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = d.scene(i).positive() ? 1 : 0;
        }
        return new LabeledImages(d.pixels(), labels, d.count(), 3, SceneRenderer.SIZE, SceneRenderer.SIZE,
                ScenesDataset.SENTIMENT_NAMES.clone());
    }

    public int imageSize() {
        return channels * height * width;
    }

    /** The images at {@code indices} as a (b, c, h, w) tensor. */
    public Tensor images(int[] indices) {
        int size = imageSize();
        float[] out = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, out, i * size, size);
        }
        return Tensor.of(out, indices.length, channels, height, width);
    }

    public int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }

    /** The first {@code n} images (all if fewer), for quick runs and tests. */
    public LabeledImages head(int n) {
        int k = Math.min(n, count);
        float[] p = java.util.Arrays.copyOf(pixels, k * imageSize());
        return new LabeledImages(p, java.util.Arrays.copyOf(labels, k), k, channels, height, width, classNames);
    }

    public int classCount() {
        return classNames.length;
    }
}
