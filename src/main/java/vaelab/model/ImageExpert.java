package vaelab.model;

import vaelab.autograd.Activations;
import vaelab.autograd.Shaping;
import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.nn.Conv2d;
import vaelab.nn.Dense;
import vaelab.nn.Module;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** The image expert q(z | x) of {@link CrossModalVae}: three strided convolutions, then μ and log σ². */
final class ImageExpert extends Module {
    private final int channels;
    private final Conv2d conv1; // (n, C, 32, 32) → (n, 32, 16, 16), ReLU after
    private final Conv2d conv2; // → (n, 64, 8, 8), ReLU after
    private final Conv2d conv3; // → (n, 128, 4, 4), ReLU after
    private final Dense mu; // (n, 2048) → (n, Z)
    private final Dense logvar; // (n, 2048) → (n, Z)

    ImageExpert(int channels, int latent, Rng rng) {
        this.channels = channels;
        this.conv1 = child("conv1", new Conv2d(channels, 32, 4, 2, 1, rng));
        this.conv2 = child("conv2", new Conv2d(32, 64, 4, 2, 1, rng));
        this.conv3 = child("conv3", new Conv2d(64, 128, 4, 2, 1, rng));
        this.mu = child("mu", new Dense(128 * 4 * 4, latent, rng));
        this.logvar = child("logvar", new Dense(128 * 4 * 4, latent, rng));
    }

    /** q(z | x) for images (n, C, 32, 32) in [0, 1]. */
    Posterior encode(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != channels || images.dim(2) != CrossModalVae.SIDE || images.dim(3) != CrossModalVae.SIDE) {
            throw new IllegalArgumentException("the cross-modal VAE takes images of shape (n, " + channels + ", 32, 32), got "
                    + images.shape());
        }
        Tensor h = Activations.relu(conv3.forward(Activations.relu(conv2.forward(Activations.relu(conv1.forward(images))))));
        Tensor flat = Shaping.flatten(h);
        return new Posterior(mu.forward(flat), logvar.forward(flat));
    }
}
