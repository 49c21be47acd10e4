package vaelab.model;

import vaelab.autograd.Activations;
import vaelab.autograd.Losses;
import vaelab.autograd.PixelMixture;
import vaelab.autograd.Reduction;
import vaelab.autograd.Shaping;
import vaelab.nn.ConvTranspose2d;
import vaelab.nn.Dense;
import vaelab.nn.Module;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The image decoder p(x | z) of {@link CrossModalVae}: a dense layer to a 4×4 map and three
 * transposed convolutions to 32×32, and the pixel model its logits parameterise (Bernoulli, a
 * Gaussian of fixed σ, or a mixture of colours; see the model's Javadoc). With decoder width w every
 * width but the last is w times as large.
 */
final class ImageDecoder extends Module {
    private final CrossModalVae.Config config;
    private final Dense fc; // (n, Z) → (n, w·2048), reshaped to (n, w·128, 4, 4), ReLU after
    private final ConvTranspose2d deconv1; // → (n, w·64, 8, 8), ReLU after
    private final ConvTranspose2d deconv2; // → (n, w·32, 16, 16), ReLU after
    private final ConvTranspose2d deconv3; // → (n, C·(K components' parameters), 32, 32): logits

    ImageDecoder(CrossModalVae.Config config, Rng rng) {
        this.config = config;
        int w = config.decoderWidth();
        this.fc = child("fc", new Dense(config.latent(), w * 128 * 4 * 4, rng));
        this.deconv1 = child("deconv1", new ConvTranspose2d(w * 128, w * 64, 4, 2, 1, 0, rng));
        this.deconv2 = child("deconv2", new ConvTranspose2d(w * 64, w * 32, 4, 2, 1, 0, rng));
        this.deconv3 = child("deconv3", new ConvTranspose2d(w * 32, config.decoderChannels(), 4, 2, 1, 0, rng));
    }

    /** Decoder logits for codes (n, Z). */
    Tensor logits(Tensor z) {
        Tensor h = Activations.relu(Shaping.reshape(fc.forward(z), z.dim(0), config.decoderWidth() * 128, 4, 4));
        return deconv3.forward(Activations.relu(deconv2.forward(Activations.relu(deconv1.forward(h)))));
    }

    /**
     * −log p(x | z) from the logits: per intensity, shaped like the images, for one Gaussian or
     * Bernoulli per pixel; per pixel, (n, 32, 32), for a mixture of colours.
     */
    Tensor nll(Tensor logits, Tensor images) {
        Tensor target = images.detach();
        if (config.pixelComponents() > 1) {
            return PixelMixture.nll(logits, target, config.pixelComponents(), config.imageSigma(), Reduction.NONE);
        }
        if (config.imageSigma() == 0f) {
            return Losses.bceWithLogits(logits, target, Reduction.NONE);
        }
        Tensor logvar = Tensor.scalar((float) (2 * Math.log(config.imageSigma())));
        return Losses.gaussianNll(target, Activations.sigmoid(logits), logvar, Reduction.NONE);
    }

    /**
     * The picture each code stands for, in [0, 1]: the mean of one Gaussian or Bernoulli per pixel;
     * for a mixture, a draw ({@code draw}, from {@code rng}) or its mean.
     */
    float[] pixels(Tensor z, Rng rng, boolean draw) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            float[] logits = logits(z).data();
            int k = config.pixelComponents();
            int side = CrossModalVae.SIDE;
            if (k > 1) {
                return draw ? PixelMixture.draw(logits, z.dim(0), k, config.channels(), side, side, rng)
                        : PixelMixture.mean(logits, z.dim(0), k, config.channels(), side, side);
            }
            float[] p = new float[logits.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = Activations.sigmoid(logits[i]);
            }
            return p;
        }
    }
}
