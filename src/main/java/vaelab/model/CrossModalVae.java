package vaelab.model;

import static vaelab.autograd.Arithmetic.add;
import static vaelab.autograd.Arithmetic.mul;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vaelab.autograd.Activations;
import vaelab.autograd.KlDivergence;
import vaelab.autograd.PixelMixture;
import vaelab.autograd.Reduction;
import vaelab.autograd.Reductions;
import vaelab.autograd.Shaping;
import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.nn.Embedding;
import vaelab.nn.Module;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.TokenBatch;
import vaelab.text.Vocabulary;

/**
 * A multimodal VAE over 32×32 images and their captions with one latent z that either modality alone
 * can infer. Each modality has an expert q(z | x), q(z | t), each a diagonal Gaussian, and a subset of
 * modalities is combined with the prior as a product of experts (Wu &amp; Goodman, 2018):
 * <pre>
 * q(z | S) ∝ p(z) · Π_{m ∈ S} q(z | m)   →   precision 1 + Σ 1/σ²_m,  mean Σ (μ_m/σ²_m) / precision
 * </pre>
 * Training minimises, per example,
 * <pre>
 * L = −ELBO_{q(z|x,t)}(x, t) + −ELBO_{q(z|x)}(x, t) + −ELBO_{q(z|t)}(t) + KL(q(z | x, t) ‖ q(z | t))
 *     [+ γ·(−log p(t | mean q(z | x̂))), x̂ decoded from z ~ q(z | t); for the image decoder only, γ = the cycle weight]
 * −ELBO_q(…) = E_q[ −log p(x | z) − λ log p(t | z) ] + β·KL(q ‖ p(z))      (only the modalities listed)
 * </pre>
 * The joint term is Wu &amp; Goodman's. The image posterior must also write the caption: that is
 * image → text, and a picture determines its caption's content, so nothing is lost by asking. The
 * text posterior is <em>not</em> asked to draw the picture: a caption leaves the river's course and
 * the animals' places open, and a decoder trained to draw every picture a caption allows from one
 * code learns their average, a blur in which small things vanish. Instead the last term (from the
 * JMVAE of Suzuki et al., 2016) pulls q(z | t) over the joint posteriors of all the pictures the
 * caption fits, so a code drawn from it is the code of one particular, sharp picture. λ weighs a
 * caption's ~15 tokens against the image's 3,072 intensities. In training, a fraction of the text
 * decoder's input tokens is replaced by {@code <unk>} (word dropout, Bowman et al., 2016), so that it
 * cannot write a caption from the previous words alone and has to read z.
 * <pre>
 * image encoder: conv 4×4/2 (c → 32) 32→16, ReLU; conv (32 → 64) 16→8, ReLU; conv (64 → 128) 8→4, ReLU; dense 2048 → μ, log σ²
 * image decoder: dense z → 2048, ReLU; deconv (128 → 64) 4→8, ReLU; deconv (64 → 32) 8→16, ReLU; deconv (32 → c) 16→32: logits
 *                (with {@code decoderWidth} w every width but the last is w times as large)
 * text encoder:  embedding; GRU over the tokens; its last state → μ, log σ²
 * text decoder:  h₀ = tanh(dense z); GRU over [embedding of the previous token, z]; dense → next-token logits
 * </pre>
 * The embedding is shared by the text encoder and decoder.
 *
 * <p>Pixels: with {@code imageSigma} = 0 each intensity is Bernoulli with mean σ(logit); with
 * {@code imageSigma} &gt; 0 it is Gaussian around σ(logit) with that fixed standard deviation. The
 * Bernoulli reading of a continuous intensity charges little for a wrong shade (its per-pixel cost
 * is nearly flat around 0.5), so the decoder settles for a blur of the scene's colours; a Gaussian
 * with σ = 0.1 charges (x − μ)²/0.02 and makes the code carry the layout: where the river runs,
 * where the animals stand. With {@code pixelComponents} K &gt; 1 each pixel is a mixture of K such
 * Gaussians ({@link PixelMixture}): what a scene scatters at random, such as flowers over a meadow,
 * is then described by the distribution and appears in a draw from it, rather than being averaged
 * into a tint that no one would call flowers.
 */
public final class CrossModalVae extends Module {
    public static final int SIDE = 32;

    /** The sizes that define the model; stored in model files. The loss's weights are apart: {@link Weights}. */
    public record Config(int channels, int latent, int vocabulary, int embedding, int hidden, int maxTokens, float imageSigma,
                         int pixelComponents, int decoderWidth) {
        public Config {
            if (channels < 1 || latent < 1 || vocabulary < 5 || embedding < 1 || hidden < 1 || maxTokens < 1
                    || !(imageSigma >= 0 && imageSigma < 10)
                    || pixelComponents < 1 || pixelComponents > MAX_PIXEL_COMPONENTS || (pixelComponents > 1 && imageSigma == 0)
                    || decoderWidth < 1 || decoderWidth > MAX_DECODER_WIDTH) {
                throw new IllegalArgumentException("invalid cross-modal VAE configuration: " + channels + " channels, latent "
                        + latent + ", vocabulary " + vocabulary + ", embedding " + embedding + ", hidden " + hidden
                        + ", max tokens " + maxTokens + ", image sigma " + imageSigma + ", pixel components " + pixelComponents
                        + ", decoder width " + decoderWidth
                        + (pixelComponents > 1 && imageSigma == 0 ? " (a mixture of colours needs an image sigma above 0)" : ""));
            }
        }

        /** A model whose pixels are each one Gaussian (or Bernoulli), with the image decoder at its plain width. */
        public Config(int channels, int latent, int vocabulary, int embedding, int hidden, int maxTokens, float imageSigma) {
            this(channels, latent, vocabulary, embedding, hidden, maxTokens, imageSigma, 1, 1);
        }

        /** The same model with each pixel a mixture of {@code k} colours ({@link PixelMixture}). */
        public Config withPixelComponents(int k) {
            return new Config(channels, latent, vocabulary, embedding, hidden, maxTokens, imageSigma, k, decoderWidth);
        }

        /** The same model with every layer of the image decoder {@code w} times as wide (128·w → 64·w → 32·w channels). */
        public Config withDecoderWidth(int w) {
            return new Config(channels, latent, vocabulary, embedding, hidden, maxTokens, imageSigma, pixelComponents, w);
        }

        /** The channels of the image decoder's output: the pixel logits, or a {@link PixelMixture}'s parameters. */
        public int decoderChannels() {
            return pixelComponents == 1 ? channels : PixelMixture.parameterChannels(pixelComponents, channels);
        }

        /** The sizes and weights the shipped scene model was trained with; the command line's defaults. */
        public static final int EMBEDDING = 64;
        public static final int HIDDEN = 128;
        public static final float TEXT_WEIGHT = 25f;
        public static final float WORD_DROPOUT = 0.3f;
        public static final float IMAGE_SIGMA = 0.1f;
        public static final int MAX_PIXEL_COMPONENTS = 8;
        public static final int MAX_DECODER_WIDTH = 4;
        /** Longer captions are cut here; the scenes' longest is under 30 tokens. */
        public static final int MAX_TOKENS_CAP = 48;

        /**
         * A model for these captions with the default embedding and GRU sizes: captions as long as
         * the longest of them (at most {@link #MAX_TOKENS_CAP} tokens).
         */
        public static Config forCaptions(int channels, int latent, CaptionVocabulary captions, float imageSigma) {
            return new Config(channels, latent, captions.vocabulary().size(), EMBEDDING, HIDDEN,
                    Math.min(captions.longest(), MAX_TOKENS_CAP), imageSigma);
        }

        Map<String, String> toMap() {
            return Map.ofEntries(Map.entry("channels", "" + channels), Map.entry("latent", "" + latent),
                    Map.entry("vocabulary", "" + vocabulary), Map.entry("embedding", "" + embedding), Map.entry("hidden", "" + hidden),
                    Map.entry("max_tokens", "" + maxTokens), Map.entry("image_sigma", "" + imageSigma),
                    Map.entry("pixel_components", "" + pixelComponents), Map.entry("decoder_width", "" + decoderWidth));
        }
    }

    /**
     * The weights of the loss's terms, training settings rather than the architecture: a fine-tune
     * changes them on the model it continues ({@link #useWeights}). Stored in model files beside the
     * {@link Config} (text_weight, word_dropout, cycle_weight) as the record of how it was trained.
     *
     * @param text        λ, the caption's −log p(t | z) against the picture's
     * @param wordDropout the share of the caption decoder's input tokens replaced by {@code <unk>} in training
     * @param cycle       γ, the read-back term's weight (0: none)
     */
    public record Weights(float text, float wordDropout, float cycle) {
        /** The weights the shipped scene model was trained with, without the read-back term: the command line's defaults. */
        public static final Weights DEFAULT = new Weights(Config.TEXT_WEIGHT, Config.WORD_DROPOUT, 0f);

        public Weights {
            if (!(text > 0) || !(wordDropout >= 0 && wordDropout < 1) || !(cycle >= 0 && cycle < 1e6f)) {
                throw new IllegalArgumentException("invalid cross-modal loss weights: text weight " + text + ", word dropout "
                        + wordDropout + ", cycle weight " + cycle);
            }
        }

        /** The same weights with the read-back term weighted {@code g}. */
        public Weights withCycle(float g) {
            return new Weights(text, wordDropout, g);
        }

        Map<String, String> toMap() {
            return Map.of("text_weight", "" + text, "word_dropout", "" + wordDropout, "cycle_weight", "" + cycle);
        }
    }

    /**
     * One batch's loss and its parts, each averaged over the batch: the reconstruction terms summed
     * over the posteriors that make them, the KL of each posterior from the prior, and the
     * alignment KL(q(z | x, t) ‖ q(z | t)); and {@code cycle}, the weighted read-back term (null
     * without one), kept apart from {@code total} because {@link #backward(Loss)} lets it teach the
     * image decoder alone.
     */
    public record Loss(Tensor total, double imageNll, double textNll, double klJoint, double klImage, double klText,
                       double alignment, Tensor cycle) {
        public double kl() {
            return klJoint + klImage + klText;
        }
    }

    private final Config config;
    private Weights weights;
    private final ImageExpert imageExpert; // q(z | x): (n, C, 32, 32) → μ, log σ² (n, Z)
    private final ImageDecoder imageDecoder; // p(x | z): (n, Z) → logits (n, C·K, 32, 32)
    private final Embedding embedding; // ids (n, T) → (n, T, E), shared by the text expert and the caption decoder
    private final TextExpert textExpert; // q(z | t): tokens (n, T) → μ, log σ² (n, Z)
    private final CaptionDecoder captionDecoder; // p(t | z): (n, Z) → next-token logits, and the caption sampler

    /** Model files written before the model was carved into parts name its tensors flat; the parts' names for them. */
    private static final Map<String, String> FLAT_NAMES = Map.ofEntries(
            Map.entry("image_enc1.", "image_expert.conv1."), Map.entry("image_enc2.", "image_expert.conv2."),
            Map.entry("image_enc3.", "image_expert.conv3."), Map.entry("image_mu.", "image_expert.mu."),
            Map.entry("image_logvar.", "image_expert.logvar."), Map.entry("image_dec_fc.", "image_decoder.fc."),
            Map.entry("image_dec1.", "image_decoder.deconv1."), Map.entry("image_dec2.", "image_decoder.deconv2."),
            Map.entry("image_dec3.", "image_decoder.deconv3."), Map.entry("text_enc.", "text_expert.gru."),
            Map.entry("text_mu.", "text_expert.mu."), Map.entry("text_logvar.", "text_expert.logvar."),
            Map.entry("text_dec_init.", "caption_decoder.init."), Map.entry("text_dec.", "caption_decoder.gru."),
            Map.entry("text_out.", "caption_decoder.out."));

    public CrossModalVae(Config config, Weights weights, Rng rng) {
        this.config = config;
        useWeights(weights);
        // Registered in the order of the flat model this was carved from, so that the parameters, their
        // order and the draws that initialise them are as they were.
        this.imageExpert = child("image_expert", new ImageExpert(config.channels(), config.latent(), rng));
        this.imageDecoder = child("image_decoder", new ImageDecoder(config, rng));
        this.embedding = child("embedding", new Embedding(config.vocabulary(), config.embedding(), Vocabulary.PAD_ID, rng));
        this.textExpert = child("text_expert", new TextExpert(embedding, config.embedding(), config.hidden(), config.latent(), rng));
        this.captionDecoder = child("caption_decoder", new CaptionDecoder(config, embedding, rng));
    }

    /**
     * A saved state with today's tensor names: those of a file written before the model was carved
     * into parts are renamed ({@code image_enc1.weight} → {@code image_expert.conv1.weight}, …); others
     * pass unchanged.
     */
    public static Map<String, Tensor> withCurrentNames(Map<String, Tensor> state) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        state.forEach((name, t) -> {
            String renamed = name;
            for (Map.Entry<String, String> e : FLAT_NAMES.entrySet()) {
                if (name.startsWith(e.getKey())) {
                    renamed = e.getValue() + name.substring(e.getKey().length());
                    break;
                }
            }
            out.put(renamed, t);
        });
        return out;
    }

    public Config config() {
        return config;
    }

    public Weights weights() {
        return weights;
    }

    /** Trains on with other loss weights (a fine-tune): the network is unchanged. */
    public void useWeights(Weights w) {
        if (w.cycle() > 0 && config.pixelComponents() > 1) {
            throw new IllegalArgumentException("the read-back term does not support a pixel mixture");
        }
        this.weights = w;
    }

    /** The architecture and the weights, as a model file's hyperparameters. */
    public Map<String, String> hyperparameters() {
        Map<String, String> m = new java.util.LinkedHashMap<>(config.toMap());
        m.putAll(weights.toMap());
        return m;
    }

    /** The image expert q(z | x) for images (n, channels, 32, 32) in [0, 1]. */
    public Posterior encodeImage(Tensor images) {
        return imageExpert.encode(images);
    }

    /** The text expert q(z | t). */
    public Posterior encodeText(TokenBatch text) {
        return textExpert.encode(text);
    }

    /** Decoder logits (n, channels·K, 32, 32) for codes (n, latent). */
    public Tensor decodeImage(Tensor z) {
        return imageDecoder.logits(z);
    }

    /** −log p(x | z) from the decoder's logits (see {@link ImageDecoder}). */
    public Tensor imageNll(Tensor logits, Tensor images) {
        return imageDecoder.nll(logits, images);
    }

    /** −log p(t | z) of each text, summed over its tokens and its end: (n). */
    public Tensor textNll(Tensor z, TokenBatch text) {
        return captionDecoder.nll(z, text, 0f, null);
    }

    /** As {@link #textNll(Tensor, TokenBatch)}, with word dropout drawn from {@code rng} when training. */
    public Tensor textNll(Tensor z, TokenBatch text, Rng rng) {
        return captionDecoder.nll(z, text, weights.wordDropout(), rng);
    }

    /**
     * The batch's loss: the three subsets' codes are drawn, stacked, and decoded in one pass per
     * modality, which does the same arithmetic as three passes with larger matrix products.
     */
    public Loss loss(Tensor images, TokenBatch text, float beta, Rng rng) {
        int n = images.dim(0);
        if (text.count() != n) {
            throw new IllegalArgumentException(n + " images but " + text.count() + " captions");
        }
        int zDim = config.latent();
        Posterior qx = encodeImage(images);
        Posterior qt = encodeText(text);
        Posterior[] subsets = {ProductOfExperts.of(n, zDim, qx, qt), ProductOfExperts.of(n, zDim, qx), ProductOfExperts.of(n, zDim, qt)};
        Tensor[] codes = new Tensor[3];
        Tensor[] kls = new Tensor[3];
        for (int s = 0; s < 3; s++) {
            codes[s] = VariationalAutoencoder.reparameterize(subsets[s].mu(), subsets[s].logvar(), rng);
            kls[s] = KlDivergence.standardNormal(subsets[s].mu(), subsets[s].logvar(), Reduction.BATCH_MEAN);
        }
        // The joint and image posteriors draw the picture; all three write the caption.
        Tensor target = Shaping.concat(0, images.detach(), images.detach());
        Tensor imageNll = mul(Reductions.sum(imageNll(decodeImage(Shaping.concat(0, codes[0], codes[1])), target)), 1f / n);
        Tensor textNll = mul(Reductions.sum(textNll(Shaping.concat(0, codes), text.repeat(3), rng)), 1f / n);
        Tensor align = gaussianKl(subsets[0], subsets[2]);
        Tensor kl = add(add(add(kls[0], kls[1]), kls[2]), align);
        Tensor total = add(add(imageNll, mul(textNll, weights.text())), mul(kl, beta));
        Tensor cycle = weights.cycle() > 0 ? mul(readBack(codes[2].detach(), text), weights.cycle()) : null;
        return new Loss(total, imageNll.item(), textNll.item(), kls[0].item(), kls[1].item(), kls[2].item(), align.item(), cycle);
    }

    /**
     * −log p(t | mean of q(z | x̂)) averaged over the batch, where x̂ is the picture decoded from a code
     * drawn from q(z | t): how well the model's own image expert, which learns from real pictures
     * only, finds the caption in the picture drawn for it. The ELBO asks the decoder for the average
     * picture a code stands for, and averages lose small things; this asks for a picture in which
     * they can be read. It is the score the candidates are chosen by (see CrossModalModel), made a
     * training signal for the decoder.
     */
    Tensor readBack(Tensor z, TokenBatch text) {
        Tensor pictures = Activations.sigmoid(decodeImage(z));
        Posterior read = ProductOfExperts.of(z.dim(0), config.latent(), encodeImage(pictures));
        return mul(Reductions.sum(textNll(read.mu(), text)), 1f / z.dim(0));
    }

    /**
     * Back-propagates a batch's loss. The read-back term teaches the image decoder only: its
     * gradients into the reader (the image expert and the text decoder) are dropped, or the reader
     * would learn to read the decoder's blurs instead of the decoder learning to draw legibly. The
     * readers' gradients are put back as they were, not zeroed, so gradients accumulated before this
     * call (several batches before one step, say) survive.
     */
    public void backward(Loss loss) {
        if (loss.cycle() != null) {
            List<Tensor> readers = new ArrayList<>();
            for (Module m : List.of(imageExpert, embedding, captionDecoder)) {
                readers.addAll(m.parameters());
            }
            List<float[]> before = new ArrayList<>(readers.size());
            for (Tensor p : readers) {
                before.add(p.grad() == null ? null : p.grad().clone());
            }
            loss.cycle().backward();
            for (int i = 0; i < readers.size(); i++) {
                float[] now = readers.get(i).grad();
                if (now != null) {
                    if (before.get(i) == null) {
                        java.util.Arrays.fill(now, 0f);
                    } else {
                        System.arraycopy(before.get(i), 0, now, 0, now.length);
                    }
                }
            }
        }
        loss.total().backward();
    }

    /**
     * KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) summed over dimensions and averaged over the batch:
     * ½ Σ [log σ₂² − log σ₁² + (σ₁² + (μ₁ − μ₂)²) / σ₂² − 1].
     */
    public static Tensor gaussianKl(Posterior p, Posterior q) {
        return vaelab.autograd.KlDivergence.gaussian(p.mu(), p.logvar(), q.mu(), q.logvar(), Reduction.BATCH_MEAN);
    }

    /** A batch's image −ELBO (nats per picture, one code each) and the image posterior it used. */
    public record ImageBound(double negElbo, Posterior posterior) {
    }

    /** −ELBO of pictures under q(z | x) (the image expert with the prior), without a gradient. */
    public ImageBound imageNegElbo(Tensor images, Rng rng) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            int n = images.dim(0);
            Posterior q = ProductOfExperts.of(n, config.latent(), encodeImage(images));
            Tensor z = VariationalAutoencoder.reparameterize(q.mu(), q.logvar(), rng);
            double recon = Reductions.sum(imageNll(decodeImage(z), images)).item() / n;
            double kl = KlDivergence.standardNormal(q.mu(), q.logvar(), Reduction.BATCH_MEAN).item();
            return new ImageBound(recon + kl, q);
        }
    }

    /**
     * The picture each code stands for, pixels in [0, 1], (n × channels × 32 × 32): the decoder's mean
     * for one Gaussian or Bernoulli per pixel; for a mixture of colours, a draw from it (each pixel
     * takes one component's colour), because its mean blurs away what the mixture scatters: flowers,
     * rain, stars. {@code rng} is used for mixtures only, and may be null for a model without one.
     */
    public float[] imagePixels(Tensor z, Rng rng) {
        return imageDecoder.pixels(z, rng, true);
    }

    /** The decoder's mean picture for each code, (n × channels × 32 × 32): for a mixture, Σ_k π_k·μ_k. */
    public float[] meanPixels(Tensor z) {
        return imageDecoder.pixels(z, null, false);
    }

    /**
     * Writes a caption for each code, token by token, until {@code <eos>} or {@code maxTokens}: the
     * most likely token when {@code temperature} is 0, otherwise a draw from softmax(logits / T).
     * No three-token sequence is written twice in one caption: greedy decoding otherwise tends to
     * loop ("a few animals, a few animals, …"), since each repetition is as likely as the first.
     */
    public List<int[]> writeCaptions(Tensor z, float temperature, Rng rng) {
        return writeCaptions(z, temperature, rng, null, null);
    }

    /**
     * As {@link #writeCaptions(Tensor, float, Rng)}, each caption kept to one language by
     * {@code language} (null: no vocabulary to tell languages apart): {@code asked}, or the language
     * its first words take when {@code asked} is null.
     */
    public List<int[]> writeCaptions(Tensor z, float temperature, Rng rng, CaptionLanguage language,
                                     vaelab.data.scenes.Language asked) {
        return captionDecoder.write(z, temperature, rng, language, asked);
    }

    @Override
    public String describe() {
        return "CrossModalVae(" + config.channels() + "×32×32 image, " + config.vocabulary() + "-token text → latent "
                + config.latent() + ")";
    }
}
