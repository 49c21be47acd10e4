package vaelab.model;

import static vaelab.autograd.Arithmetic.add;
import static vaelab.autograd.Arithmetic.mul;

import vaelab.autograd.Activations;
import vaelab.autograd.KlDivergence;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.autograd.Reductions;
import vaelab.autograd.Shaping;
import vaelab.autograd.UnaryMath;
import vaelab.nn.Module;
import vaelab.tensor.Rng;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * A VAE (Kingma &amp; Welling, 2014) over images with intensities in [0, 1]: an encoder q(z | x) =
 * N(mu, exp(logvar)), the prior p(z) = N(0, I), and a decoder p(x | z), either Bernoulli (logits) or
 * Gaussian (means, with one learned log-variance shared by all pixels). Subclasses supply the
 * networks; the ELBO is computed here, once, for all of them.
 */
public abstract class VariationalAutoencoder extends Module {
    /** The decoder's distribution of each pixel. */
    public enum Likelihood { BERNOULLI, GAUSSIAN }

    /** The encoder's q(z | x): means and log-variances, each (batch, latent). */
    public record Posterior(Tensor mu, Tensor logvar) {
    }

    private final Likelihood likelihood;
    private final Tensor pixelLogvar; // (1): the Gaussian decoder's log-variance; unused for Bernoulli

    protected VariationalAutoencoder(Likelihood likelihood) {
        this.likelihood = likelihood;
        this.pixelLogvar = likelihood == Likelihood.GAUSSIAN ? parameter("pixel_logvar", Tensor.zeros(1)) : null;
    }

    /** Images (batch, channels, height, width) → q(z | x). */
    public abstract Posterior encode(Tensor images);

    /** Codes (batch, latent) → decoder outputs (batch, channels, height, width): logits or means. */
    public abstract Tensor decode(Tensor z);

    public abstract int latent();

    /** The image shape this model reads and writes, without the batch axis. */
    public abstract int[] imageDims();

    public final Likelihood likelihood() {
        return likelihood;
    }

    /**
     * The reparameterisation trick: z = mu + exp(logvar/2)·eps with eps ~ N(0, I) drawn from
     * {@code rng}. The randomness sits in eps, outside the graph, so gradients reach mu and logvar.
     */
    public static Tensor reparameterize(Tensor mu, Tensor logvar, Rng rng) {
        Tensor eps = Tensor.randn(rng, mu.dims());
        return add(mu, mul(UnaryMath.exp(mul(logvar, 0.5f)), eps));
    }

    /** −log p(x | z) per pixel, shaped like x, from the decoder's output. */
    public final Tensor pixelNll(Tensor decoded, Tensor x) {
        Tensor target = x.detach();
        if (likelihood == Likelihood.BERNOULLI) {
            return Losses.bceWithLogits(decoded, target, Reduction.NONE);
        }
        return Losses.gaussianNll(target, decoded, pixelLogvar, Reduction.NONE);
    }

    /** What a person sees: probabilities σ(logits) for Bernoulli, means clamped to [0, 1] for Gaussian. */
    public final float[] toPixels(Tensor decoded) {
        float[] d = decoded.data();
        float[] p = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            p[i] = likelihood == Likelihood.BERNOULLI ? Activations.sigmoid(d[i]) : Math.min(1f, Math.max(0f, d[i]));
        }
        return p;
    }

    /** −ELBO of a batch, with the weighting of {@code loss}, and every term kept. */
    public final Elbo elbo(Tensor images, Rng rng, VaeLoss loss) {
        requireImages(images);
        Posterior q = encode(images);
        Tensor z = reparameterize(q.mu(), q.logvar(), rng);
        Tensor decoded = decode(z);
        int batch = images.dim(0);
        Tensor recon = mul(Reductions.sum(pixelNll(decoded, images)), 1f / batch);
        Tensor klTerm;
        Tensor kl;
        if (loss.freeBits() > 0f) {
            // Each dimension's batch-averaged KL, floored at the free-bits budget: max(λ, KL_j) = relu(KL_j − λ) + λ.
            Tensor perDim = Reductions.mean(KlDivergence.standardNormal(q.mu(), q.logvar(), Reduction.NONE), false, 0);
            kl = Reductions.sum(perDim);
            klTerm = Reductions.sum(add(Activations.relu(add(perDim, -loss.freeBits())), loss.freeBits()));
        } else {
            kl = KlDivergence.standardNormal(q.mu(), q.logvar(), Reduction.BATCH_MEAN);
            klTerm = kl;
        }
        Tensor total = loss.beta() == 1f ? add(recon, klTerm) : add(recon, mul(klTerm, loss.beta()));
        return new Elbo(total, recon, kl, q.mu(), q.logvar(), z, decoded);
    }

    protected final void requireImages(Tensor images) {
        int[] dims = imageDims();
        if (images.rank() != 4 || images.dim(1) != dims[0] || images.dim(2) != dims[1] || images.dim(3) != dims[2]) {
            throw new IllegalArgumentException(describe() + " takes images of shape (n, " + dims[0] + ", " + dims[1] + ", "
                    + dims[2] + "), got " + images.shape());
        }
    }

    protected static Shape batchOf(Tensor x, int... dims) {
        int[] d = new int[dims.length + 1];
        d[0] = x.dim(0);
        System.arraycopy(dims, 0, d, 1, dims.length);
        return Shape.of(d);
    }

    protected static Tensor reshapeToImages(Tensor flat, int[] dims) {
        return Shaping.reshape(flat, flat.dim(0), dims[0], dims[1], dims[2]);
    }
}
