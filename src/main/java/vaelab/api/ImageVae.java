package vaelab.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.VaeFiles;
import vaelab.model.VariationalAutoencoder;
import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A trained image VAE (from {@code vaelab train --model vae-mlp} or {@code vae-conv}): encode a
 * picture to its posterior, decode a code to a picture, sample pictures from the prior. Immutable
 * after loading and safe to share between threads.
 *
 * <pre>{@code
 * ImageVae vae = ImageVae.load(Path.of("out/models/vae-mlp.vae"));
 * ImageVae.Code code = vae.encode(pixels);            // pixels: channels × height × width values in [0, 1]
 * float[] back = vae.decode(code.mean());             // the reconstruction's mean
 * List<float[]> dreams = vae.sample(16, 7L);          // 16 pictures from the prior
 * }</pre>
 */
public final class ImageVae {
    private final VariationalAutoencoder vae;

    private ImageVae(VariationalAutoencoder vae) {
        this.vae = vae;
        vae.eval();
    }

    /**
     * Reads a VAE model file.
     *
     * @param file a file written by {@code vaelab train --model vae-mlp} or {@code vae-conv}
     * @return the VAE, ready for any number of threads
     * @throws ModelFileException naming the file, if it is missing, damaged or not a VAE
     */
    public static ImageVae load(Path file) throws ModelFileException {
        ModelFile m = ModelFile.read(file);
        if (!VaeFiles.isVae(m)) {
            throw new ModelFileException(file, "holds a '" + m.architecture() + "' model, not an image VAE");
        }
        return new ImageVae(VaeFiles.fromModelFile(file, m));
    }

    /**
     * A posterior q(z | x) = N(mean, exp(logVariance)). For example {@code vae.decode(vae.encode(x).mean())}
     * reconstructs a picture.
     *
     * @param mean        the code's mean, one value per latent dimension
     * @param logVariance the log-variance of each dimension
     */
    public record Code(float[] mean, float[] logVariance) {
    }

    /**
     * The shape of the pictures this VAE reads and writes.
     *
     * @return {channels, height, width}
     */
    public int[] imageShape() {
        return vae.imageDims();
    }

    /**
     * The size of a code.
     *
     * @return latent dimensions
     */
    public int latent() {
        return vae.latent();
    }

    /**
     * The posterior of one picture.
     *
     * @param pixels channels × height × width values in [0, 1]
     * @return q(z | pixels)
     */
    public Code encode(float[] pixels) {
        int[] d = vae.imageDims();
        if (pixels == null || pixels.length != d[0] * d[1] * d[2]) {
            throw new IllegalArgumentException("a picture for this VAE is " + d[0] + " × " + d[1] + " × " + d[2] + " values, got "
                    + (pixels == null ? "null" : pixels.length));
        }
        try (GradMode.Scope ignored = GradMode.disable()) {
            Posterior q = vae.encode(Tensor.of(pixels.clone(), 1, d[0], d[1], d[2]));
            return new Code(q.mu().data().clone(), q.logvar().data().clone());
        }
    }

    /**
     * The decoder's mean picture for a code.
     *
     * @param z {@link #latent()} values
     * @return channels × height × width values in [0, 1]
     */
    public float[] decode(float[] z) {
        if (z == null || z.length != vae.latent()) {
            throw new IllegalArgumentException("a code for this VAE has " + vae.latent() + " values, got "
                    + (z == null ? "null" : z.length));
        }
        try (GradMode.Scope ignored = GradMode.disable()) {
            return vae.toPixels(vae.decode(Tensor.of(z.clone(), 1, vae.latent())));
        }
    }

    /**
     * Pictures decoded from codes drawn from the prior N(0, I).
     *
     * @param n    how many
     * @param seed the same seed gives the same pictures
     * @return n pictures of channels × height × width values
     */
    public List<float[]> sample(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        Rng rng = new Rng(seed);
        try (GradMode.Scope ignored = GradMode.disable()) {
            float[] all = vae.toPixels(vae.decode(Tensor.randn(rng, n, vae.latent())));
            int size = all.length / n;
            List<float[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size));
            }
            return out;
        }
    }
}
