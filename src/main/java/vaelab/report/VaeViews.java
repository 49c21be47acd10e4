package vaelab.report;

import java.util.Arrays;
import vaelab.data.LabeledImages;
import vaelab.model.VariationalAutoencoder;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The pictures that show what a VAE learned, as pixel arrays for {@link ImageGrid}: samples from the
 * prior, reconstructions, a walk between two images through latent space, and traversals of one
 * latent dimension at a time.
 */
public final class VaeViews {
    /** Pixels (count, channels, height, width) in [0, 1] and the grid's shape. */
    public record Grid(float[] pixels, int count, int columns, String[] rowLabels) {
    }

    private VaeViews() {
    }

    /** n images decoded from z ~ N(0, I). */
    public static Grid samples(VariationalAutoencoder vae, int n, Rng rng, int columns) {
        try (GradMode.Scope off = GradMode.disable()) {
            Tensor z = Tensor.randn(rng, n, vae.latent());
            return new Grid(vae.toPixels(vae.decode(z)), n, columns, null);
        }
    }

    /** Rows alternate: originals, then their reconstructions from the posterior means. */
    public static Grid reconstructions(VariationalAutoencoder vae, LabeledImages data, int[] indices, int columns) {
        try (GradMode.Scope off = GradMode.disable()) {
            Tensor x = data.images(indices);
            float[] recon = vae.toPixels(vae.decode(vae.encode(x).mu()));
            return pairs(x.data(), recon, indices.length, data.imageSize(), columns);
        }
    }

    /** Rows alternate: {@code count} originals of {@code size} values each, then what a model rebuilt of them. */
    public static Grid pairs(float[] originals, float[] rebuilt, int count, int size, int columns) {
        int rows = (count + columns - 1) / columns;
        float[] out = new float[2 * rows * columns * size];
        String[] labels = new String[2 * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                if (i < count) {
                    System.arraycopy(originals, i * size, out, (2 * r * columns + c) * size, size);
                    System.arraycopy(rebuilt, i * size, out, ((2 * r + 1) * columns + c) * size, size);
                }
            }
            labels[2 * r] = "original";
            labels[2 * r + 1] = "reconstruction";
        }
        return new Grid(out, 2 * rows * columns, columns, labels);
    }

    /** Decodes (1 − t)·μ_a + t·μ_b for t from 0 to 1 in {@code steps} steps, framed by the two originals. */
    public static Grid interpolation(VariationalAutoencoder vae, LabeledImages data, int a, int b, int steps) {
        try (GradMode.Scope off = GradMode.disable()) {
            Tensor x = data.images(new int[] {a, b});
            float[] mu = vae.encode(x).mu().data();
            int d = vae.latent();
            float[] z = new float[steps * d];
            for (int s = 0; s < steps; s++) {
                float t = steps == 1 ? 0f : (float) s / (steps - 1);
                for (int j = 0; j < d; j++) {
                    z[s * d + j] = (1 - t) * mu[j] + t * mu[d + j];
                }
            }
            float[] decoded = vae.toPixels(vae.decode(Tensor.of(z, steps, d)));
            int size = data.imageSize();
            float[] out = new float[(steps + 2) * size];
            System.arraycopy(x.data(), 0, out, 0, size);
            System.arraycopy(decoded, 0, out, size, steps * size);
            System.arraycopy(x.data(), size, out, (steps + 1) * size, size);
            return new Grid(out, steps + 2, steps + 2, new String[] {"image " + a + " → … → image " + b});
        }
    }

    /**
     * One row per latent dimension in {@code dims}: the code {@code base} with that dimension swept
     * from −range to +range, the others held.
     */
    public static Grid traversal(VariationalAutoencoder vae, float[] base, int[] dims, float range, int steps) {
        try (GradMode.Scope off = GradMode.disable()) {
            int d = vae.latent();
            float[] z = new float[dims.length * steps * d];
            String[] labels = new String[dims.length];
            for (int r = 0; r < dims.length; r++) {
                labels[r] = "z" + dims[r] + " from " + (-range) + " to " + range;
                for (int s = 0; s < steps; s++) {
                    int row = (r * steps + s) * d;
                    System.arraycopy(base, 0, z, row, d);
                    z[row + dims[r]] = steps == 1 ? 0f : -range + 2 * range * s / (steps - 1);
                }
            }
            float[] decoded = vae.toPixels(vae.decode(Tensor.of(z, dims.length * steps, d)));
            return new Grid(decoded, dims.length * steps, steps, labels);
        }
    }

    /** The posterior means of the first {@code n} images, (n, latent), for maps and statistics. */
    public static float[][] posteriorMeans(VariationalAutoencoder vae, LabeledImages data, int n) {
        int count = Math.min(n, data.count());
        float[][] out = new float[count][];
        try (GradMode.Scope off = GradMode.disable()) {
            for (int from = 0; from < count; from += 500) {
                int[] idx = new int[Math.min(500, count - from)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + i;
                }
                float[] mu = vae.encode(data.images(idx)).mu().data();
                int d = vae.latent();
                for (int i = 0; i < idx.length; i++) {
                    out[from + i] = Arrays.copyOfRange(mu, i * d, (i + 1) * d);
                }
            }
        }
        return out;
    }
}
