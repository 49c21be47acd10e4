package vaelab.data.scenes;

/** A small RGB raster with the few drawing operations the scenes need; values in [0, 1]. */
final class Canvas {
    final int size;
    final float[] rgb; // (3, size, size), channel-major like the models' input

    Canvas(int size) {
        this.size = size;
        this.rgb = new float[3 * size * size];
    }

    void set(int x, int y, float r, float g, float b) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            return;
        }
        int p = y * size + x;
        rgb[p] = r;
        rgb[size * size + p] = g;
        rgb[2 * size * size + p] = b;
    }

    /** Blends towards (r, g, b) by {@code alpha}. */
    void blend(int x, int y, float r, float g, float b, float alpha) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            return;
        }
        int p = y * size + x;
        int plane = size * size;
        rgb[p] += alpha * (r - rgb[p]);
        rgb[plane + p] += alpha * (g - rgb[plane + p]);
        rgb[2 * plane + p] += alpha * (b - rgb[2 * plane + p]);
    }

    void disc(float cx, float cy, float radius, float r, float g, float b) {
        for (int y = (int) Math.floor(cy - radius); y <= Math.ceil(cy + radius); y++) {
            for (int x = (int) Math.floor(cx - radius); x <= Math.ceil(cx + radius); x++) {
                float dx = x - cx;
                float dy = y - cy;
                if (dx * dx + dy * dy <= radius * radius) {
                    set(x, y, r, g, b);
                }
            }
        }
    }

    void rect(int x0, int y0, int x1, int y1, float r, float g, float b) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                set(x, y, r, g, b);
            }
        }
    }

    /** Multiplies every pixel by {@code f} (dark scenes). */
    void darken(float f) {
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] *= f;
        }
    }

    /** The mean of one channel over rows [y0, y1). */
    float mean(int channel, int y0, int y1) {
        double s = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < size; x++) {
                s += rgb[channel * size * size + y * size + x];
            }
        }
        return (float) (s / ((y1 - y0) * size));
    }
}
