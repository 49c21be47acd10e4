package vaelab.lab;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Pictures as PNG data URLs, which a page puts straight into an {@code <img src>}. */
final class PngData {
    private PngData() {
    }

    /**
     * One picture (channels, height, width) in [0, 1] starting at {@code offset}, one PNG pixel per
     * pixel: the page enlarges it without smoothing, so the data stays small.
     */
    static String of(float[] pixels, int offset, int channels, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            int r = level(pixels[offset + p]);
            int g = channels == 3 ? level(pixels[offset + plane + p]) : r;
            int b = channels == 3 ? level(pixels[offset + 2 * plane + p]) : r;
            img.setRGB(p % width, p / width, (r << 16) | (g << 8) | b);
        }
        return of(img);
    }

    private static int level(float v) {
        return Math.round(Math.max(0f, Math.min(1f, Float.isNaN(v) ? 0f : v)) * 255f);
    }

    static String of(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
