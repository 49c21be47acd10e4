package vaelab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vaelab.io.IdxReader;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, 2017): 70,000 grey 28×28 images of clothing in 10 classes,
 * read from the four IDX files that Debian's {@code dataset-fashion-mnist} package installs.
 */
public final class FashionMnist {
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String[] CLASS_NAMES = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"
    };

    private FashionMnist() {
    }

    public enum Split {
        TRAIN("train"), TEST("t10k");

        final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Reads one split from {@code dir}, which holds the IDX files (gzipped or not). */
    public static LabeledImages load(Path dir, Split split) throws IOException {
        Path images = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labels = find(dir, split.prefix + "-labels-idx1-ubyte");
        IdxReader.IdxArray im = IdxReader.read(images);
        IdxReader.IdxArray lb = IdxReader.read(labels);
        if (im.dims().length != 3 || lb.dims().length != 1) {
            throw new IOException("Fashion-MNIST files in " + dir + " have unexpected shapes: images "
                    + java.util.Arrays.toString(im.dims()) + ", labels " + java.util.Arrays.toString(lb.dims()));
        }
        if (im.count() != lb.count()) {
            throw new IOException("Fashion-MNIST " + split + " in " + dir + ": " + im.count() + " images but "
                    + lb.count() + " labels");
        }
        int n = im.count();
        int h = im.dims()[1];
        int w = im.dims()[2];
        float[] pixels = new float[n * h * w];
        byte[] raw = im.data();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (raw[i] & 0xFF) / 255f;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lb.data()[i] & 0xFF;
            if (y[i] >= CLASS_NAMES.length) {
                throw new IOException("Fashion-MNIST label " + y[i] + " at position " + i + " in " + labels + " is not a class 0–9");
            }
        }
        return new LabeledImages(pixels, y, n, 1, h, w, CLASS_NAMES.clone());
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("Fashion-MNIST not found: " + dir.resolve(base + ".gz") + " is missing."
                + " Install it with 'sudo apt-get install dataset-fashion-mnist', or pass --data-dir with a folder"
                + " holding the four IDX files");
    }
}
