package vaelab.api;

import java.awt.image.BufferedImage;

/** Conversions between the model's pixel arrays and what callers hold. */
final class Pictures {
    private Pictures() {
    }

    static BufferedImage toImage(float[] pixels, int scale) {
        int side = TextImageModel.SIDE;
        int s = Math.max(1, scale);
        BufferedImage img = new BufferedImage(side * s, side * s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side * s; y++) {
            for (int x = 0; x < side * s; x++) {
                int p = (y / s) * side + x / s;
                int r = channel(pixels[p]);
                int g = channel(pixels[side * side + p]);
                int b = channel(pixels[2 * side * side + p]);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static int channel(float v) {
        return Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
    }
}
