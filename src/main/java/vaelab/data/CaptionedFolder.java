package vaelab.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The user's own images with captions: a folder with {@code captions.tsv} (columns file, caption,
 * and optionally sentiment and attributes; a header line starting with "file" is allowed) and the
 * image files it names, PNG or JPEG of any size. Images are resized to the model's square size.
 *
 * <p>Every problem — a short row, an empty caption, a missing or unreadable image, an unknown
 * sentiment — is reported with the file and line. By default the first one stops reading; with
 * {@code skipBad} the bad rows are left out and listed in {@link Result#skipped()}.
 */
public final class CaptionedFolder {
    public static final String INDEX = "captions.tsv";

    /** One usable row. {@code sentiment} is 1 positive, 0 negative, −1 not given. */
    public record Example(String file, float[] pixels, String caption, int sentiment, String attributes) {
    }

    public record Result(List<Example> examples, List<String> skipped) {
    }

    private CaptionedFolder() {
    }

    public static Result read(Path dir, int size, boolean skipBad) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.isDirectory(dir)) {
            throw new IOException("folder " + dir + " does not exist");
        }
        if (!Files.isRegularFile(index)) {
            throw new IOException("folder " + dir + " has no " + INDEX + " (one line per image: file, caption"
                    + " [, sentiment [, attributes]], separated by tabs)");
        }
        List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || (n == 0 && line.toLowerCase().startsWith("file\t"))) {
                continue;
            }
            try {
                examples.add(parse(dir, line, size));
            } catch (BadRow e) {
                String message = index + " line " + (n + 1) + ": " + e.getMessage();
                if (!skipBad) {
                    throw new IOException(message + " (use --skip-bad to leave such rows out)");
                }
                skipped.add(message);
            }
        }
        if (examples.isEmpty()) {
            throw new IOException(index + " lists no usable images" + (skipped.isEmpty() ? "" : " (" + skipped.size() + " bad rows)"));
        }
        return new Result(examples, skipped);
    }

    private static final class BadRow extends Exception {
        BadRow(String message) {
            super(message);
        }
    }

    private static Example parse(Path dir, String line, int size) throws BadRow {
        String[] f = line.split("\t", -1);
        if (f.length < 2 || f.length > 4) {
            throw new BadRow("expected 2 to 4 tab-separated fields (file, caption, sentiment, attributes), found " + f.length);
        }
        String file = f[0].strip();
        String caption = f[1].strip();
        if (file.isEmpty()) {
            throw new BadRow("the file name is empty");
        }
        if (caption.isEmpty()) {
            throw new BadRow("the caption of " + file + " is empty");
        }
        int sentiment = -1;
        if (f.length >= 3 && !f[2].isBlank()) {
            sentiment = switch (f[2].strip().toLowerCase()) {
                case "positive", "pos", "1" -> 1;
                case "negative", "neg", "0" -> 0;
                default -> throw new BadRow("sentiment must be positive or negative, not '" + f[2].strip() + "'");
            };
        }
        Path image;
        try {
            image = dir.resolve(file).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadRow("the file name '" + file.replace("\0", "\\0") + "' is not a valid path");
        }
        if (!image.startsWith(dir.normalize())) {
            throw new BadRow("the file " + file + " is outside the folder");
        }
        if (!Files.isRegularFile(image)) {
            throw new BadRow("the image " + file + " does not exist");
        }
        BufferedImage img;
        try {
            img = ImageFiles.read(image);
        } catch (ImageFiles.TooLargeException e) {
            throw new BadRow(file + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new BadRow("cannot read the image " + file + ": " + e.getMessage());
        }
        if (img == null) {
            throw new BadRow("the file " + file + " is not a PNG or JPEG image");
        }
        return new Example(file, toPixels(img, size), caption, sentiment, f.length == 4 ? f[3].strip() : "");
    }

    /** The image resized (bilinear) to size×size RGB, as (3, size, size) values in [0, 1]. */
    public static float[] toPixels(BufferedImage img, int size) {
        BufferedImage scaled = img;
        if (img.getWidth() != size || img.getHeight() != size || img.getType() != BufferedImage.TYPE_INT_RGB) {
            scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, size, size, null);
            g.dispose();
        }
        float[] px = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = scaled.getRGB(x, y);
                int p = y * size + x;
                px[p] = ((rgb >> 16) & 0xFF) / 255f;
                px[size * size + p] = ((rgb >> 8) & 0xFF) / 255f;
                px[2 * size * size + p] = (rgb & 0xFF) / 255f;
            }
        }
        return px;
    }
}
