package vaelab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Lays out images (grey or RGB, values in [0, 1]) as a grid in one PNG, each enlarged by a whole
 * factor so 28×28 digits are visible, with an optional caption under each row.
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * @param pixels  (count, channels, height, width) values in [0, 1], row-major
     * @param columns images per row
     * @param scale   each pixel becomes scale×scale
     * @param rowLabels a caption for each row, or null
     */
    /** The font of the row labels {@link #render} draws. */
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    public static BufferedImage render(float[] pixels, int count, int channels, int height, int width, int columns, int scale,
                                       String[] rowLabels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, not " + channels);
        }
        int rows = (count + columns - 1) / columns;
        int gap = 2;
        int label = rowLabels == null ? 0 : 16;
        int cellW = width * scale + gap;
        int cellH = height * scale + gap + label;
        BufferedImage img = new BufferedImage(Math.max(1, columns * cellW + gap), Math.max(1, rows * cellH + gap),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 40, 48));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        int plane = height * width;
        for (int i = 0; i < count; i++) {
            int x0 = gap + (i % columns) * cellW;
            int y0 = gap + (i / columns) * cellH;
            int base = i * channels * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = y * width + x;
                    int r = level(pixels[base + p]);
                    int gr = channels == 3 ? level(pixels[base + plane + p]) : r;
                    int b = channels == 3 ? level(pixels[base + 2 * plane + p]) : r;
                    int rgb = (r << 16) | (gr << 8) | b;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        if (rowLabels != null) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(LABEL_FONT);
            g.setColor(new Color(220, 220, 220));
            for (int r = 0; r < rows && r < rowLabels.length; r++) {
                if (rowLabels[r] != null) {
                    g.drawString(rowLabels[r], gap + 2, gap + r * cellH + height * scale + label - 3);
                }
            }
        }
        g.dispose();
        return img;
    }

    /**
     * Images with a caption under each, wrapped to the cell's width: for previews of data sets.
     * Text in scripts the installed fonts lack shows as boxes; the PNG is for people, the captions
     * themselves are also written as text by the commands that call this.
     */
    public static BufferedImage renderCaptioned(float[] pixels, int count, int channels, int height, int width, int columns,
                                                int scale, String[] captions, int captionLines) {
        BufferedImage images = render(pixels, count, channels, height, width, columns, scale, null);
        int gap = 2;
        int cellW = width * scale + gap;
        int imgH = height * scale + gap;
        int lineH = 13;
        int rows = (count + columns - 1) / columns;
        int cellH = imgH + captionLines * lineH + 4;
        BufferedImage out = new BufferedImage(images.getWidth(), rows * cellH + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(40, 40, 48));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        java.awt.FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < count; i++) {
            int col = i % columns;
            int row = i / columns;
            g.drawImage(images.getSubimage(col * cellW, row * imgH, cellW + gap, imgH + gap), col * cellW, row * cellH, null);
            g.setColor(new Color(225, 225, 225));
            int y = row * cellH + imgH + lineH - 2;
            for (String line : wrap(captions[i], fm, cellW - 4, captionLines)) {
                g.drawString(line, col * cellW + gap + 1, y);
                y += lineH;
            }
        }
        g.dispose();
        return out;
    }

    /** Splits text into at most {@code maxLines} lines that fit {@code width}, breaking between words or characters. */
    static java.util.List<String> wrap(String text, java.awt.FontMetrics fm, int width, int maxLines) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (i < text.length() && lines.size() < maxLines) {
            int next = text.charAt(i) == ' ' ? i + 1 : nextBreak(text, i);
            String piece = text.substring(i, next);
            if (fm.stringWidth(line + piece) > width && line.length() > 0) {
                lines.add(line.toString().strip());
                line.setLength(0);
            }
            line.append(piece);
            i = next;
        }
        if (line.length() > 0 && lines.size() < maxLines) {
            lines.add(line.toString().strip());
        } else if (i < text.length() && !lines.isEmpty()) {
            String last = lines.remove(lines.size() - 1);
            lines.add(last.substring(0, Math.max(0, last.length() - 1)) + "…");
        }
        return lines;
    }

    /** The end of the word at {@code i}: Latin words end at a space, each CJK character is its own word. */
    private static int nextBreak(String text, int i) {
        if (Character.UnicodeScript.of(text.codePointAt(i)) == Character.UnicodeScript.HAN) {
            return i + Character.charCount(text.codePointAt(i));
        }
        int j = i;
        while (j < text.length() && text.charAt(j) != ' '
                && Character.UnicodeScript.of(text.codePointAt(j)) != Character.UnicodeScript.HAN) {
            j++;
        }
        return j == i ? i + 1 : j;
    }

    private static int level(float v) {
        float c = Float.isNaN(v) ? 0f : Math.min(1f, Math.max(0f, v));
        return Math.round(c * 255f);
    }

    /** Writes a PNG, creating the folder; the message names the file on failure. */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }
}
