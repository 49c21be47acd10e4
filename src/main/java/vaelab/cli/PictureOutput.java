package vaelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a command writes a picture, checked before any work starts: not a folder, a writable place,
 * and a name whose extension says the format (.png or .jpg/.jpeg). A command that would fail after
 * minutes of work, or leave a half-written set of files behind, fails at once instead, in one line.
 */
final class PictureOutput {
    private PictureOutput() {
    }

    /** "png" or "jpeg", from the file's extension; anything else is refused. */
    static String format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpeg";
        }
        throw new UserException(file + ": the picture's name must end in .png, .jpg or .jpeg (the format follows it)");
    }

    /** The file's name without its extension, for the names of the pictures written beside it. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Checks that {@code file} can be written, creating its folder if missing; one line on failure. */
    static Path check(Path file) {
        format(file);
        if (Files.isDirectory(file)) {
            throw new UserException(file + " is a folder; name a picture file, e.g. " + file.resolve("pictures.png"));
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path probe = Files.createTempFile(parent, ".vaelab-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserException("cannot write in " + parent + " (" + e.getClass().getSimpleName() + "); choose another --out");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UserException(file + " exists and cannot be overwritten; choose another --out");
        }
        return file;
    }

    /** Writes {@code img} in the format its name says. */
    static void write(java.awt.image.BufferedImage img, Path file) throws IOException {
        String format = format(file);
        java.awt.image.BufferedImage rgb = img;
        if (format.equals("jpeg") && img.getType() != java.awt.image.BufferedImage.TYPE_INT_RGB) {
            // JPEG has no alpha channel: draw onto an opaque picture first.
            rgb = new java.awt.image.BufferedImage(img.getWidth(), img.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = rgb.createGraphics();
            g.drawImage(img, 0, 0, null);
            g.dispose();
        }
        if (!javax.imageio.ImageIO.write(rgb, format, file.toFile())) {
            throw new IOException("no " + format + " writer available to write " + file);
        }
    }
}
