package vaelab.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import vaelab.tensor.Rng;

/**
 * Pictures that are not scenes, of the kinds people hand a scene model anyway: solid colours, noise,
 * colour gradients, Fashion-MNIST clothes enlarged, images of extreme aspect ratio, and text on a
 * canvas. Each is drawn at its own size and read at 32×32 as {@code caption --image} reads a file
 * ({@link CaptionedFolder#toPixels}), so they test the path a user's picture takes.
 */
public final class NonScenes {
    public enum Kind {
        SOLID_COLOUR, NOISE, GRADIENT, FASHION_MNIST, EXTREME_ASPECT, TEXT
    }

    private static final String[] WORDS = {"the", "quarterly", "report", "login", "password", "menu", "total", "€ 42.00",
        "Submit", "chapter", "3.1", "invoice", "hello", "world", "table", "README", "error", "settings", "news", "weather"};

    /**
     * @param pixels (count, 3, 32, 32) in [0, 1]
     * @param kinds  the kind of each picture
     */
    public record Set(float[] pixels, List<Kind> kinds) {
        public int count() {
            return kinds.size();
        }
    }

    private NonScenes() {
    }

    /**
     * {@code perKind} pictures of each kind, the same for the same seed; {@code fashion} gives the
     * clothes (its first images, cycled), or null to leave that kind out.
     */
    public static Set generate(int perKind, long seed, LabeledImages fashion) {
        Rng rng = new Rng(seed);
        List<Kind> kinds = new ArrayList<>();
        List<float[]> pictures = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind == Kind.FASHION_MNIST && fashion == null) {
                continue;
            }
            for (int i = 0; i < perKind; i++) {
                BufferedImage img = draw(kind, i, rng, fashion);
                pictures.add(CaptionedFolder.toPixels(img, CaptionedImages.SIDE));
                kinds.add(kind);
            }
        }
        int size = 3 * CaptionedImages.SIDE * CaptionedImages.SIDE;
        float[] all = new float[pictures.size() * size];
        for (int i = 0; i < pictures.size(); i++) {
            System.arraycopy(pictures.get(i), 0, all, i * size, size);
        }
        return new Set(all, List.copyOf(kinds));
    }

    private static BufferedImage draw(Kind kind, int index, Rng rng, LabeledImages fashion) {
        switch (kind) {
            case SOLID_COLOUR: {
                int side = 1 + rng.nextInt(200);
                BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(colour(rng));
                g.fillRect(0, 0, side, side);
                g.dispose();
                return img;
            }
            case NOISE: {
                int side = 16 + rng.nextInt(113);
                boolean grey = rng.nextFloat() < 0.5f;
                BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int r = rng.nextInt(256);
                        img.setRGB(x, y, grey ? (r << 16) | (r << 8) | r : (r << 16) | (rng.nextInt(256) << 8) | rng.nextInt(256));
                    }
                }
                return img;
            }
            case GRADIENT: {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                double angle = rng.nextDouble() * 2 * Math.PI;
                float dx = (float) (32 * Math.cos(angle));
                float dy = (float) (32 * Math.sin(angle));
                g.setPaint(new GradientPaint(32 - dx, 32 - dy, colour(rng), 32 + dx, 32 + dy, colour(rng)));
                g.fillRect(0, 0, 64, 64);
                g.dispose();
                return img;
            }
            case FASHION_MNIST: {
                int i = index % fashion.count();
                int h = fashion.height();
                int w = fashion.width();
                BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int v = Math.round(255 * fashion.pixels()[(i * fashion.channels() * h + y) * w + x]);
                        small.setRGB(x, y, (v << 16) | (v << 8) | v);
                    }
                }
                BufferedImage img = new BufferedImage(4 * w, 4 * h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(small, 0, 0, 4 * w, 4 * h, null);
                g.dispose();
                return img;
            }
            case EXTREME_ASPECT: {
                boolean wide = rng.nextFloat() < 0.5f;
                int along = 1000 + rng.nextInt(2001);
                int across = 2 + rng.nextInt(19);
                BufferedImage img = new BufferedImage(wide ? along : across, wide ? across : along, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                for (int at = 0; at < along; ) {
                    int band = 20 + rng.nextInt(400);
                    g.setColor(colour(rng));
                    if (wide) {
                        g.fillRect(at, 0, band, across);
                    } else {
                        g.fillRect(0, at, across, band);
                    }
                    at += band;
                }
                g.dispose();
                return img;
            }
            case TEXT: {
                int w = 200 + rng.nextInt(400);
                int h = 150 + rng.nextInt(300);
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                int paper = 200 + rng.nextInt(56);
                g.setColor(new Color(paper, paper, Math.min(255, paper + rng.nextInt(20))));
                g.fillRect(0, 0, w, h);
                int size = 12 + rng.nextInt(29);
                g.setFont(new Font(rng.nextFloat() < 0.5f ? Font.SANS_SERIF : Font.SERIF, Font.PLAIN, size));
                g.setColor(new Color(rng.nextInt(80), rng.nextInt(80), rng.nextInt(120)));
                for (int y = size; y < h; y += size + size / 3) {
                    StringBuilder line = new StringBuilder();
                    while (line.length() < w / (size / 2)) {
                        line.append(WORDS[rng.nextInt(WORDS.length)]).append(' ');
                    }
                    g.drawString(line.toString(), 4, y);
                }
                g.dispose();
                return img;
            }
            default:
                throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    private static Color colour(Rng rng) {
        return new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    }
}
