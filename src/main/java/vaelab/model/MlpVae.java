package vaelab.model;

import vaelab.autograd.Activations;
import vaelab.autograd.Shaping;
import vaelab.nn.Dense;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The VAE of the PyTorch example: an MLP encoder image → hidden → (mu, logvar) and an MLP decoder
 * z → hidden → image; 784-400-20 on Fashion-MNIST.
 */
public final class MlpVae extends VariationalAutoencoder {
    public static final String ARCHITECTURE = "vae-mlp";
    private final int[] imageDims;
    private final int pixels;
    private final int hidden;
    private final int latent;
    private final Dense fc1;
    private final Dense fcMu;
    private final Dense fcLogvar;
    private final Dense fc3;
    private final Dense fc4;

    public MlpVae(int[] imageDims, int hidden, int latent, Likelihood likelihood, Rng rng) {
        super(likelihood);
        this.imageDims = imageDims.clone();
        this.pixels = imageDims[0] * imageDims[1] * imageDims[2];
        this.hidden = hidden;
        this.latent = latent;
        this.fc1 = child("fc1", new Dense(pixels, hidden, rng));
        this.fcMu = child("fc21", new Dense(hidden, latent, rng));
        this.fcLogvar = child("fc22", new Dense(hidden, latent, rng));
        this.fc3 = child("fc3", new Dense(latent, hidden, rng));
        this.fc4 = child("fc4", new Dense(hidden, pixels, rng));
    }

    /** The PyTorch example's sizes for 28×28 grey images with a Bernoulli decoder. */
    public static MlpVae fashionMnist(Rng rng) {
        return new MlpVae(new int[] {1, 28, 28}, 400, 20, Likelihood.BERNOULLI, rng);
    }

    @Override
    public Posterior encode(Tensor images) {
        requireImages(images);
        Tensor h = Activations.relu(fc1.forward(Shaping.reshape(images, images.dim(0), pixels)));
        return new Posterior(fcMu.forward(h), fcLogvar.forward(h));
    }

    @Override
    public Tensor decode(Tensor z) {
        return reshapeToImages(fc4.forward(Activations.relu(fc3.forward(z))), imageDims);
    }

    @Override
    public int latent() {
        return latent;
    }

    public int hidden() {
        return hidden;
    }

    @Override
    public int[] imageDims() {
        return imageDims.clone();
    }

    @Override
    public String describe() {
        return "MlpVae(" + pixels + " → " + hidden + " → " + latent + ", " + likelihood().name().toLowerCase() + ")";
    }
}
