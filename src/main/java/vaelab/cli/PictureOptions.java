package vaelab.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The picture a drawing command writes: where (--out, PNG or JPEG by its extension, checked before
 * any work) and how large (--scale, for the commands that enlarge pixels). One declaration and one
 * check for every command that draws; each command names its own default file and scale.
 */
final class PictureOptions {
    /** The largest pixel enlargement: a 28×28 picture becomes 896×896. */
    static final int MAX_SCALE = 32;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The picture to write, PNG or JPEG by its extension (default: the command's own file in out/, named in"
                    + " its description).")
    Path out;

    @Option(names = "--scale", paramLabel = "K", description = "Pixel enlargement, 1–" + MAX_SCALE + " (default: the command's,"
            + " 2 or 3).")
    Integer scale;

    /** --out, or {@code byDefault}, checked: a .png/.jpg/.jpeg file (not a folder) in a place that can be written. */
    Path out(Path byDefault) {
        return PictureOutput.check(out != null ? out : byDefault);
    }

    /** --scale, or {@code byDefault}, checked to lie in 1 … {@link #MAX_SCALE}. */
    int scale(int byDefault) {
        int s = scale != null ? scale : byDefault;
        if (s < 1 || s > MAX_SCALE) {
            throw new UserException("--scale must be between 1 and " + MAX_SCALE + ", got " + s);
        }
        return s;
    }

    /** Writes {@code img} to {@code file} in the format its name says and prints where. */
    static void write(BufferedImage img, Path file, PrintWriter out) {
        try {
            PictureOutput.write(img, file);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
        out.println("wrote " + file);
    }
}
