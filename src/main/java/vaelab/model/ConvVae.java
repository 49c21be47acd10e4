package vaelab.model;

import vaelab.autograd.Activations;
import vaelab.autograd.Shaping;
import vaelab.nn.Conv2d;
import vaelab.nn.ConvTranspose2d;
import vaelab.nn.Dense;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A convolutional VAE on 32×32 images (28×28 Fashion-MNIST is zero-padded by 2 on each side, and
 * the decoder's output is cropped back, so the loss covers the same 784 pixels as the MLP's):
 * <pre>
 * encoder: conv 4×4/2 (c → 32) 32→16, ReLU; conv 4×4/2 (32 → 64) 16→8, ReLU; dense 4096 → mu, logvar
 * decoder: dense latent → 4096, ReLU; deconv 4×4/2 (64 → 32) 8→16, ReLU; deconv 4×4/2 (32 → c) 16→32
 * </pre>
 */
public final class ConvVae extends VariationalAutoencoder {
    public static final String ARCHITECTURE = "vae-conv";
    private final int[] imageDims; // (channels, h, w) of the data, at most 32×32
    private final int latent;
    private final int padTop;
    private final int padLeft;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Dense fcMu;
    private final Dense fcLogvar;
    private final Dense fcDecode;
    private final ConvTranspose2d deconv1;
    private final ConvTranspose2d deconv2;

    public ConvVae(int[] imageDims, int latent, Likelihood likelihood, Rng rng) {
        super(likelihood);
        if (imageDims[1] > 32 || imageDims[2] > 32) {
            throw new IllegalArgumentException("ConvVae takes images up to 32×32, got " + imageDims[1] + "×" + imageDims[2]);
        }
        this.imageDims = imageDims.clone();
        this.latent = latent;
        this.padTop = (32 - imageDims[1]) / 2;
        this.padLeft = (32 - imageDims[2]) / 2;
        int c = imageDims[0];
        this.conv1 = child("conv1", new Conv2d(c, 32, 4, 2, 1, rng));
        this.conv2 = child("conv2", new Conv2d(32, 64, 4, 2, 1, rng));
        this.fcMu = child("fc_mu", new Dense(64 * 8 * 8, latent, rng));
        this.fcLogvar = child("fc_logvar", new Dense(64 * 8 * 8, latent, rng));
        this.fcDecode = child("fc_decode", new Dense(latent, 64 * 8 * 8, rng));
        this.deconv1 = child("deconv1", new ConvTranspose2d(64, 32, 4, 2, 1, 0, rng));
        this.deconv2 = child("deconv2", new ConvTranspose2d(32, c, 4, 2, 1, 0, rng));
    }

    public static ConvVae fashionMnist(Rng rng) {
        return new ConvVae(new int[] {1, 28, 28}, 32, Likelihood.BERNOULLI, rng);
    }

    @Override
    public Posterior encode(Tensor images) {
        requireImages(images);
        Tensor x = pad(images);
        Tensor h = Activations.relu(conv2.forward(Activations.relu(conv1.forward(x))));
        Tensor flat = Shaping.flatten(h);
        return new Posterior(fcMu.forward(flat), fcLogvar.forward(flat));
    }

    @Override
    public Tensor decode(Tensor z) {
        Tensor h = Activations.relu(Shaping.reshape(fcDecode.forward(z), z.dim(0), 64, 8, 8));
        Tensor full = deconv2.forward(Activations.relu(deconv1.forward(h)));
        return crop(full);
    }

    /** Zero-pads to 32×32 by concatenating zero borders (differentiable, though images need no gradient). */
    private Tensor pad(Tensor x) {
        if (padTop == 0 && padLeft == 0 && x.dim(2) == 32 && x.dim(3) == 32) {
            return x;
        }
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        float[] out = new float[n * c * 32 * 32];
        float[] in = x.data();
        for (int p = 0; p < n * c; p++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, (p * h + y) * w, out, (p * 32 + y + padTop) * 32 + padLeft, w);
            }
        }
        return Tensor.of(out, n, c, 32, 32);
    }

    private Tensor crop(Tensor full) {
        Tensor rows = Shaping.slice(full, 2, padTop, padTop + imageDims[1]);
        return Shaping.slice(rows, 3, padLeft, padLeft + imageDims[2]);
    }

    @Override
    public int latent() {
        return latent;
    }

    @Override
    public int[] imageDims() {
        return imageDims.clone();
    }

    @Override
    public String describe() {
        return "ConvVae(" + imageDims[0] + "×" + imageDims[1] + "×" + imageDims[2] + " → " + latent + ", "
                + likelihood().name().toLowerCase() + ")";
    }
}
