package vaelab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a picture file without trusting the size it declares: the header's width and height are
 * read first, a picture above {@link #MAX_PIXELS} is refused before any pixel is decoded, and a large
 * one is decoded subsampled (every k-th pixel of every k-th row) to about {@link #DECODED_PIXELS},
 * which is plenty for a model that sees 32×32. A 1 MB PNG can declare 20,000×20,000 pixels; decoded
 * whole, it would take 1.6 GB.
 */
public final class ImageFiles {
    /** The most pixels a picture may declare: 40 megapixels. */
    public static final long MAX_PIXELS = 40_000_000L;
    /** Larger pictures are decoded subsampled to about this many pixels. */
    public static final long DECODED_PIXELS = 1L << 20;

    private ImageFiles() {
    }

    /** A picture that declares more pixels than {@link #MAX_PIXELS}, refused unread. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /** The picture in {@code file}, or null when no installed reader knows its format. */
    public static BufferedImage read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1) {
                    throw new IOException("the picture declares a size of " + w + "×" + h);
                }
                if (w * h > MAX_PIXELS) {
                    throw new TooLargeException(String.format("the picture declares %d×%d pixels (%.1f megapixels), more than the %d"
                            + " megapixels this reads", w, h, w * h / 1e6, MAX_PIXELS / 1_000_000));
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(w, h);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The smallest k with (w/k)·(h/k) ≤ {@link #DECODED_PIXELS}. */
    static int subsampling(long w, long h) {
        int k = 1;
        while ((w / k) * (h / k) > DECODED_PIXELS) {
            k++;
        }
        return k;
    }
}
