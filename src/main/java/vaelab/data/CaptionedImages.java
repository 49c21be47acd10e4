package vaelab.data;

import java.util.ArrayList;
import java.util.List;
import vaelab.data.scenes.Scene;
import vaelab.data.scenes.ScenesDataset;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * 32×32 images, each with a caption: what the cross-modal VAE trains on. {@code scenes} holds the
 * true attributes of generated scenes and {@code labels} the classes of a labelled set (each null
 * when unknown); the evaluation uses them as ground truth.
 */
public record CaptionedImages(float[] pixels, int count, int channels, List<String> captions, Scene[] scenes, int[] labels) {
    public static final int SIDE = 32;

    public CaptionedImages {
        if (pixels.length != (long) count * channels * SIDE * SIDE || captions.size() != count
                || (scenes != null && scenes.length != count) || (labels != null && labels.length != count)) {
            throw new IllegalArgumentException("pixels, captions and truth do not match " + count + " images of "
                    + channels + "×32×32");
        }
        captions = List.copyOf(captions);
    }

    public int imageSize() {
        return channels * SIDE * SIDE;
    }

    public Tensor images(int[] indices) {
        int size = imageSize();
        float[] out = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, out, i * size, size);
        }
        return Tensor.of(out, indices.length, channels, SIDE, SIDE);
    }

    /** Examples {@code from} … {@code to − 1}: their indices, captions and pictures. */
    public record Batch(int[] indices, List<String> captions, Tensor images) {
    }

    public Batch batch(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return new Batch(idx, captions.subList(from, to), images(idx));
    }

    public CaptionedImages head(int n) {
        int k = Math.min(n, count);
        return new CaptionedImages(java.util.Arrays.copyOf(pixels, k * imageSize()), k, channels, captions.subList(0, k),
                scenes == null ? null : java.util.Arrays.copyOf(scenes, k), labels == null ? null : java.util.Arrays.copyOf(labels, k));
    }

    public static CaptionedImages of(ScenesDataset d) {
        List<String> captions = new ArrayList<>(d.count());
        Scene[] scenes = new Scene[d.count()];
        float[] pixels = new float[d.count() * 3 * SIDE * SIDE];
        for (int i = 0; i < d.count(); i++) {
            captions.add(d.caption(i));
            scenes[i] = d.scene(i);
            System.arraycopy(d.image(i), 0, pixels, i * 3 * SIDE * SIDE, 3 * SIDE * SIDE);
        }
        int[] labels = LabeledImages.sentimentOf(d).labels();
        return new CaptionedImages(pixels, d.count(), 3, captions, scenes, labels);
    }

    /**
     * Labelled images (at most 32×32, centred and zero-padded) captioned from their labels, in
     * English or Chinese at random (seeded by {@code seed}): "a photo of a sneaker", 一张运动鞋的照片.
     */
    public static CaptionedImages ofLabels(LabeledImages images, LabelCaptions captions, long seed) {
        if (images.height() > SIDE || images.width() > SIDE) {
            throw new IllegalArgumentException("images must be at most 32×32, got " + images.height() + "×" + images.width());
        }
        int c = images.channels();
        int top = (SIDE - images.height()) / 2;
        int left = (SIDE - images.width()) / 2;
        float[] out = new float[images.count() * c * SIDE * SIDE];
        float[] in = images.pixels();
        for (int p = 0; p < images.count() * c; p++) {
            for (int y = 0; y < images.height(); y++) {
                System.arraycopy(in, (p * images.height() + y) * images.width(), out, (p * SIDE + y + top) * SIDE + left,
                        images.width());
            }
        }
        Rng rng = new Rng(seed);
        List<String> text = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            text.add(captions.caption(images.labels()[i], rng));
        }
        return new CaptionedImages(out, images.count(), c, text, null, images.labels().clone());
    }

    /** User-supplied pictures and captions, read at 32×32 RGB. */
    public static CaptionedImages of(List<CaptionedFolder.Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no usable images with captions");
        }
        float[] pixels = new float[examples.size() * 3 * SIDE * SIDE];
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).pixels(), 0, pixels, i * 3 * SIDE * SIDE, 3 * SIDE * SIDE);
            captions.add(examples.get(i).caption());
        }
        return new CaptionedImages(pixels, examples.size(), 3, captions, null, null);
    }
}
