package vaelab.model;

import java.util.LinkedHashMap;
import java.util.Map;
import vaelab.autograd.Arithmetic;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.nn.Activation;
import vaelab.nn.Conv2d;
import vaelab.nn.ConvTranspose2d;
import vaelab.nn.Module;
import vaelab.nn.Residual;
import vaelab.nn.ResidualQuantizer;
import vaelab.nn.Sequential;
import vaelab.nn.VectorQuantizer;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A discrete VAE over 32×32 pictures: a conv encoder to an 8×8 grid of vectors, each replaced by the
 * nearest of K codebook entries ({@link VectorQuantizer}), or by a sum of L entries of L codebooks
 * each quantising what the levels before left ({@link ResidualQuantizer}), and a transposed-conv
 * decoder back to pixels. The posterior q(k | x) is one-hot at the nearest entries, so with a uniform prior the KL
 * term is the constant log K per cell and the loss is reconstruction plus commitment (docs/VAE.md,
 * "A discrete VAE"). What is unsure about a picture is not averaged into a blur here: it is left to
 * the prior over codes ({@link CodePrior}) to choose.
 */
public final class DiscreteVae extends Module {
    public static final int SIDE = 32;
    public static final int GRID = 8;

    /**
     * @param codes      K, the codebook's size
     * @param codeDim    D, the length of a code vector
     * @param hidden     channels of the encoder's and decoder's 8×8 layers (half of it at 16×16 and inside the residual blocks)
     * @param decay      the codebook's moving-average decay
     * @param depth      L, the codes of each cell (levels of residual quantisation; 1: one codebook)
     */
    public record Config(int channels, int codes, int codeDim, int hidden, float decay, int depth) {
        public Config {
            if (channels < 1 || codes < 2 || codeDim < 1 || hidden < 2 || hidden % 2 != 0 || !(decay > 0 && decay < 1)
                    || depth < 1 || depth > 8) {
                throw new IllegalArgumentException("a discrete VAE needs channels >= 1, codes >= 2, a code length >= 1, an even"
                        + " hidden width, a decay in (0, 1) and 1 to 8 levels, got " + this);
            }
        }

        /** One code per cell. */
        public Config(int channels, int codes, int codeDim, int hidden, float decay) {
            this(channels, codes, codeDim, hidden, decay, 1);
        }

        /** Codes per picture: L per cell of the grid. */
        public int codesPerPicture() {
            return GRID * GRID * depth;
        }

        public Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("channels", "" + channels);
            m.put("codes", "" + codes);
            m.put("code_dim", "" + codeDim);
            m.put("hidden", "" + hidden);
            m.put("decay", "" + decay);
            m.put("depth", "" + depth);
            return m;
        }
    }

    /** One batch's loss and its parts: mean squared error per pixel value, commitment, and the codes used. */
    public record Loss(Tensor total, Tensor reconstruction, Tensor commitment, int[] codes) {
    }

    private final Config config;
    private final Sequential encoder; // (N, C, 32, 32) → (N, D, 8, 8)
    private final ResidualQuantizer quantizer; // (N, D, 8, 8) → codes (N, 64·L) and their vectors
    private final Sequential decoder; // (N, D, 8, 8) → (N, C, 32, 32) in [0, 1]

    public DiscreteVae(Config c, Rng rng) {
        this.config = c;
        int h = c.hidden();
        // As in van den Oord et al.'s VQ-VAE: strided convolutions and two residual blocks on each side.
        this.encoder = child("encoder", new Sequential(
                new Conv2d(c.channels(), h / 2, 4, 2, 1, rng), Activation.relu(), // 16×16
                new Conv2d(h / 2, h, 4, 2, 1, rng), // 8×8
                residual(h, rng), residual(h, rng), Activation.relu(),
                new Conv2d(h, c.codeDim(), 1, 1, 0, rng)));
        this.quantizer = child("quantizer", new ResidualQuantizer(c.depth(), c.codes(), c.codeDim(), c.decay(), rng));
        this.decoder = child("decoder", new Sequential(
                new Conv2d(c.codeDim(), h, 3, 1, 1, rng),
                residual(h, rng), residual(h, rng), Activation.relu(),
                new ConvTranspose2d(h, h / 2, 4, 2, 1, 0, rng), Activation.relu(), // 16×16
                new Conv2d(h / 2, h / 2, 3, 1, 1, rng), Activation.relu(),
                new ConvTranspose2d(h / 2, c.channels(), 4, 2, 1, 0, rng), Activation.sigmoid())); // 32×32
    }

    /** x + conv1×1(relu(conv3×3(relu(x)))), with half the channels inside. */
    private static Residual residual(int channels, Rng rng) {
        return new Residual(new Sequential(Activation.relu(), new Conv2d(channels, channels / 2, 3, 1, 1, rng), Activation.relu(),
                new Conv2d(channels / 2, channels, 1, 1, 0, rng)));
    }

    /**
     * The tensors of a file written before residual codes, whose one codebook was "quantizer.…",
     * under the names of level 0 ("quantizer.level0.…"); other files' tensors as they are.
     */
    public static Map<String, Tensor> withLevelNames(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((name, t) -> out.put(name.startsWith("quantizer.") && !name.startsWith("quantizer.level")
                ? "quantizer.level0." + name.substring("quantizer.".length()) : name, t));
        return out;
    }

    public Config config() {
        return config;
    }

    public ResidualQuantizer quantizer() {
        return quantizer;
    }

    /** reconstruction + β·commitment for images (N, C, 32, 32) in [0, 1]; in training mode the codebook moves too. */
    public Loss loss(Tensor images, float commitmentWeight) {
        VectorQuantizer.Quantized q = quantizer.forward(encoder.forward(images));
        Tensor reconstruction = Losses.mse(decoder.forward(q.vectors()), images, Reduction.MEAN);
        Tensor total = Arithmetic.add(reconstruction, Arithmetic.mul(q.commitment(), commitmentWeight));
        return new Loss(total, reconstruction, q.commitment(), q.codes());
    }

    /** The grid of codes of each image: (N·64·L), image after image, rows of the grid top to bottom, a cell's levels together. */
    public int[] encode(Tensor images) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            Tensor z = encoder.forward(images); // (N, D, 8, 8)
            float[] rows = vaelab.autograd.Shaping.permute(z, 0, 2, 3, 1).data();
            return quantizer.nearest(rows);
        }
    }

    /** The pictures of n grids of codes (n·64·L), (n, C, 32, 32) in [0, 1]. */
    public float[] decode(int[] codes, int n) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            return decoder.forward(quantizer.vectors(codes, n, GRID, GRID)).data();
        }
    }

    @Override
    public String describe() {
        return "DiscreteVae(" + config.codes() + " codes of " + config.codeDim() + ", " + GRID + "×" + GRID + " grid"
                + (config.depth() > 1 ? ", " + config.depth() + " per cell)" : ")");
    }
}
