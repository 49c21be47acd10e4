package vaelab.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.data.scenes.Language;
import vaelab.data.scenes.ScenesText;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.TokenBatch;
import vaelab.text.Tokenizer;
import vaelab.text.Vocabulary;

/**
 * Everything a trained cross-modal model needs at inference, as one file: the VAE, the vocabulary
 * its text side was trained with, and — for scenes — the judge that reads attributes and sentiment
 * off pictures. Also the training history, so that reports can draw the curves.
 *
 * <p>The file's architecture is {@value #ARCHITECTURE}; tensors are named "vae.…" and "judge.…"
 * after the modules' own names, and "history.vae" / "history.judge" hold one row per epoch.
 */
public final class CrossModalModel implements TextImageNetwork {
    public static final String ARCHITECTURE = "crossmodal";
    /** Columns of "history.vae" (files also name them in "history.vae.columns"). */
    public static final List<String> VAE_HISTORY = List.of("epoch", "train_loss", "train_image_nll", "train_text_nll",
            "train_kl", "test_loss", "test_image_nll", "test_text_nll", "test_kl", "seconds", "images_per_second", "train_alignment",
            "test_alignment");
    /** Columns of "history.judge" in files written before the judge had its own trainer and named columns. */
    static final List<String> LEGACY_JUDGE_HISTORY = List.of("epoch", "train_loss", "test_attribute_accuracy",
            "test_sentiment_accuracy", "seconds");

    private final CrossModalVae vae;
    private final Vocabulary vocabulary;
    private final CaptionLanguage captionLanguage; // which tokens are English and which Chinese
    private final SceneJudge judge; // null for datasets other than scenes
    private final String dataset;
    private final Map<String, History> history; // "vae", "judge": one row per epoch
    private final Tokenizer tokenizer = ScenesText.tokenizer();

    public CrossModalModel(CrossModalVae vae, Vocabulary vocabulary, SceneJudge judge, String dataset,
                           Map<String, History> history) {
        if (vocabulary.size() != vae.config().vocabulary()) {
            throw new IllegalArgumentException("the vocabulary has " + vocabulary.size() + " tokens, the model "
                    + vae.config().vocabulary());
        }
        this.vae = vae;
        this.vocabulary = vocabulary;
        this.captionLanguage = CaptionLanguage.of(vocabulary);
        this.judge = judge;
        this.dataset = dataset;
        this.history = new LinkedHashMap<>(history);
        vae.eval();
        if (judge != null) {
            judge.eval();
        }
    }

    public CrossModalVae vae() {
        return vae;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The judge of scene pictures, or null when the model was trained on another dataset. */
    @Override
    public SceneJudge judge() {
        return judge;
    }

    @Override
    public String dataset() {
        return dataset;
    }

    @Override
    public String kind() {
        return "gaussian";
    }

    @Override
    public int channels() {
        return vae.config().channels();
    }

    /** 0.7, chosen on the validation scenes (docs/CROSSMODAL.md). */
    @Override
    public float defaultTemperature() {
        return 0.7f;
    }

    /** Greedy captions from the mean of q(z | picture). */
    @Override
    public List<String> captionsOf(Tensor images, Language language, Rng rng) {
        return captions(codesFromImages(images), 0f, language, rng);
    }

    @Override
    public Readings read(Tensor images, List<String> captions, float temperature, int candidates, Rng rng) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            CrossModalVae.ImageBound bound = vae.imageNegElbo(images, rng);
            Posterior qx = bound.posterior();
            float[] generated = picturesFromText(captions, 1, temperature, candidates, rng);
            List<String> written = captions(qx.mu(), 0f, rng);
            float[] rebuilt = vae.imagePixels(qx.mu(), rng);
            return new Readings(bound.negElbo(), generated, written, rebuilt, null);
        }
    }

    @Override
    public double[] codeCost(Tensor images) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            Posterior q = ProductOfExperts.of(images.dim(0), vae.config().latent(), vae.encodeImage(images));
            int n = images.dim(0);
            int d = vae.config().latent();
            float[] mu = q.mu().data();
            float[] logvar = q.logvar().data();
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double kl = 0;
                for (int j = i * d; j < (i + 1) * d; j++) {
                    kl += 0.5 * (mu[j] * mu[j] + Math.exp(logvar[j]) - 1 - logvar[j]);
                }
                out[i] = kl;
            }
            return out;
        }
    }

    @Override
    public float[] rebuild(Tensor images) {
        return vae.meanPixels(codesFromImages(images));
    }

    /** One row per epoch of "vae" (columns {@link #VAE_HISTORY}) and, with a judge, "judge". */
    public Map<String, History> history() {
        return java.util.Collections.unmodifiableMap(history);
    }

    /** Texts → a padded batch of ids, each cut to the model's maximum length. */
    public TokenBatch encodeTexts(List<String> texts) {
        List<int[]> ids = new ArrayList<>(texts.size());
        for (String t : texts) {
            ids.add(tokenizer.encode(t, vocabulary, vae.config().maxTokens()).ids());
        }
        return TokenBatch.of(ids);
    }

    /** What the model makes of one text: its ids, the tokens it cut, and the words it does not know. */
    @Override
    public Tokenizer.Encoded encode(String text) {
        return tokenizer.encode(text, vocabulary, vae.config().maxTokens());
    }

    /**
     * Codes for {@code n} pictures of each text, drawn from q(z | text) (the product of the prior and
     * the text expert) at a sampling temperature τ: z = μ + τ·σ·ε. τ = 1 draws from q(z | t) itself;
     * smaller τ keeps to the middle of it, with less variety (τ = 0: the mean, one picture per text);
     * on the scene model the middle also shows fewer of the small things the text names, being an
     * average over where they could be. Returns (texts.size() × n, latent), the n codes of text i
     * together. A text with no known word gets codes from the prior.
     */
    public Tensor codesFromText(List<String> texts, int n, float temperature, Rng rng) {
        return draw(textPosterior(texts), n, temperature, rng);
    }

    /** q(z | text) of each text as means and standard deviations, and whether it knows a word of it. */
    private record TextPosterior(int texts, float[] mu, float[] sd, boolean[] known) {
    }

    private TextPosterior textPosterior(List<String> texts) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            TokenBatch batch = encodeTexts(texts);
            Posterior q = ProductOfExperts.of(batch.count(), vae.config().latent(), vae.encodeText(batch));
            float[] sd = q.logvar().data().clone();
            for (int k = 0; k < sd.length; k++) {
                sd[k] = (float) Math.exp(0.5 * sd[k]);
            }
            boolean[] known = new boolean[texts.size()];
            for (int t = 0; t < texts.size(); t++) {
                for (int id : encode(texts.get(t)).ids()) {
                    known[t] |= id != Vocabulary.UNK_ID;
                }
            }
            return new TextPosterior(texts.size(), q.mu().data(), sd, known);
        }
    }

    private Tensor draw(TextPosterior q, int n, float temperature, Rng rng) {
        if (!(temperature >= 0 && temperature <= 1)) {
            throw new IllegalArgumentException("the sampling temperature must be in [0, 1], got " + temperature);
        }
        int latent = vae.config().latent();
        float[] z = new float[q.texts() * n * latent];
        for (int t = 0; t < q.texts(); t++) {
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < latent; j++) {
                    int k = t * latent + j;
                    float e = rng.nextGaussian();
                    z[(t * n + s) * latent + j] = q.known()[t] ? q.mu()[k] + temperature * q.sd()[k] * e : e;
                }
            }
        }
        return Tensor.of(z, q.texts() * n, latent);
    }

    /**
     * As {@link #codesFromText(List, int, float, Rng)}, but each code is the best of {@code candidates}
     * draws: the one whose picture, read back by the model's own image encoder, explains the text best
     * (least −log p(t | mean of q(z | picture))). A code from q(z | t) fixes what the caption says
     * only on average; some draws land between the codes of real pictures and decode to a scene where
     * the river or the animals have faded out. Reading the picture back, the way image → text does,
     * catches those, and uses nothing but the model: no judge, no labels. With one candidate this is
     * the plain draw, with the same random numbers.
     */
    public Tensor codesFromText(List<String> texts, int n, float temperature, int candidates, Rng rng) {
        if (candidates == 1) {
            return codesFromText(texts, n, temperature, rng);
        }
        return candidates(texts, n, temperature, candidates, rng).chosenCodes();
    }

    /**
     * The pictures of {@link #codesFromText(List, int, float, int, Rng)}'s codes, (texts.size() × n ×
     * channels × 32 × 32) in [0, 1]. For a model whose pixels are a mixture of colours these are the
     * very draws the candidates were judged by, not new draws from the chosen codes.
     */
    @Override
    public float[] picturesFromText(List<String> texts, int n, float temperature, int candidates, Rng rng) {
        if (candidates == 1) {
            return vae.imagePixels(codesFromText(texts, n, temperature, rng), rng);
        }
        return candidates(texts, n, temperature, candidates, rng).chosenPictures();
    }

    /**
     * The candidate codes behind {@link #codesFromText(List, int, float, int, Rng)}, with their scores:
     * {@code codes[c]} is round c's draw for every picture (texts.size() × n rows of the latent size,
     * as {@link #codesFromText(List, int, float, Rng)} returns them), {@code pictures[c]} their
     * pictures as {@link CrossModalVae#imagePixels(Tensor, Rng)} draws them, {@code scores[c][i]} is
     * −log p(text | mean of q(z | picture)) of picture i's candidate c, in nats. Lower wins.
     */
    public record Candidates(float[][] codes, float[][] pictures, float[][] scores) {
        /** The round whose candidate picture i takes: the lowest score, the earliest on a tie. */
        public int chosen(int i) {
            int best = 0;
            for (int c = 1; c < scores.length; c++) {
                if (scores[c][i] < scores[best][i]) {
                    best = c;
                }
            }
            return best;
        }

        /** Each picture's chosen code: (pictures, latent). */
        public Tensor chosenCodes() {
            return Tensor.of(chosenRows(codes), scores[0].length, codes[0].length / scores[0].length);
        }

        /** Each picture's chosen candidate picture, (pictures × channels × 32 × 32). */
        public float[] chosenPictures() {
            return chosenRows(pictures);
        }

        private float[] chosenRows(float[][] rounds) {
            int count = scores[0].length;
            int size = rounds[0].length / count;
            float[] out = new float[count * size];
            for (int i = 0; i < count; i++) {
                System.arraycopy(rounds[chosen(i)], i * size, out, i * size, size);
            }
            return out;
        }
    }

    /** Draws {@code candidates} rounds of codes for {@code n} pictures of each text and scores each; see {@link Candidates}. */
    public Candidates candidates(List<String> texts, int n, float temperature, int candidates, Rng rng) {
        if (candidates < 1) {
            throw new IllegalArgumentException("need at least one candidate, got " + candidates);
        }
        List<String> repeated = new ArrayList<>(texts.size() * n);
        for (String text : texts) {
            for (int s = 0; s < n; s++) {
                repeated.add(text);
            }
        }
        int latent = vae.config().latent();
        int count = repeated.size();
        TokenBatch batch = encodeTexts(repeated);
        TextPosterior q = textPosterior(texts);
        float[][] codes = new float[candidates][];
        float[][] pictures = new float[candidates][];
        float[][] scores = new float[candidates][];
        try (GradMode.Scope ignored = GradMode.disable()) {
            for (int c = 0; c < candidates; c++) {
                codes[c] = draw(q, n, temperature, rng).data();
                pictures[c] = vae.imagePixels(Tensor.of(codes[c], count, latent), rng);
                Tensor read = Tensor.of(pictures[c], count, vae.config().channels(), CrossModalVae.SIDE, CrossModalVae.SIDE);
                scores[c] = vae.textNll(codesFromImages(read), batch).data().clone();
            }
        }
        return new Candidates(codes, pictures, scores);
    }

    /**
     * How well the model knows a text, in nats: −log p(t | z) at the mean of q(z | t), and
     * KL(q(z | t) ‖ p(z)), the information the text puts into the code.
     */
    public double[] textTerms(String text) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            TokenBatch batch = encodeTexts(List.of(text));
            Posterior q = ProductOfExperts.of(1, vae.config().latent(), vae.encodeText(batch));
            double nll = vae.textNll(q.mu(), batch).item();
            double kl = vaelab.autograd.KlDivergence.standardNormal(q.mu(), q.logvar(), vaelab.autograd.Reduction.SUM).item();
            return new double[] {nll, kl};
        }
    }

    /** The mean of q(z | image) for each image (n, channels, 32, 32). */
    public Tensor codesFromImages(Tensor images) {
        try (GradMode.Scope ignored = GradMode.disable()) {
            Posterior q = ProductOfExperts.of(images.dim(0), vae.config().latent(), vae.encodeImage(images));
            return q.mu();
        }
    }

    /** Captions for codes: greedy when temperature is 0; each in the one language its first words take. */
    public List<String> captions(Tensor z, float temperature, Rng rng) {
        return captions(z, temperature, null, rng);
    }

    /** Captions for codes in {@code language} (null: each in the one language its first words take). */
    public List<String> captions(Tensor z, float temperature, Language language, Rng rng) {
        List<String> out = new ArrayList<>();
        for (int[] ids : vae.writeCaptions(z, temperature, rng, captionLanguage, language)) {
            List<String> tokens = new ArrayList<>(ids.length);
            for (int id : ids) {
                tokens.add(vocabulary.token(id));
            }
            out.add(Tokenizer.detokenize(tokens));
        }
        return out;
    }

    public ModelFile toModelFile(Map<String, String> extraHyperparameters) {
        Map<String, String> hyper = new LinkedHashMap<>(vae.hyperparameters());
        hyper.put("dataset", dataset);
        hyper.put("judge", judge != null ? "scene-judge" : "none");
        if (judge != null) {
            hyper.put("judge_dropout", "" + judge.dropoutRate());
        }
        hyper.putAll(extraHyperparameters);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        vae.state().forEach((k, v) -> tensors.put("vae." + k, v));
        if (judge != null) {
            judge.state().forEach((k, v) -> tensors.put("judge." + k, v));
        }
        history.forEach((k, h) -> h.write("history." + k, hyper, tensors));
        return new ModelFile(ARCHITECTURE, hyper, vocabulary.tokens(), tensors);
    }

    public static CrossModalModel read(Path file) throws ModelFileException {
        return fromModelFile(file, ModelFile.read(file));
    }

    public static CrossModalModel fromModelFile(Path file, ModelFile m) throws ModelFileException {
        m.requireArchitecture(file, ARCHITECTURE);
        float textWeight;
        float wordDropout;
        float imageSigma;
        float cycleWeight;
        try {
            textWeight = Float.parseFloat(m.hyperparameters().getOrDefault("text_weight", "1"));
            wordDropout = Float.parseFloat(m.hyperparameters().getOrDefault("word_dropout", "0"));
            imageSigma = Float.parseFloat(m.hyperparameters().getOrDefault("image_sigma", "0"));
            cycleWeight = Float.parseFloat(m.hyperparameters().getOrDefault("cycle_weight", "0"));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "hyperparameter 'text_weight', 'word_dropout', 'image_sigma' or 'cycle_weight' is not a number");
        }
        try {
            CrossModalVae.Config c = new CrossModalVae.Config(m.intParameter(file, "channels"), m.intParameter(file, "latent"),
                    m.intParameter(file, "vocabulary"), m.intParameter(file, "embedding"), m.intParameter(file, "hidden"),
                    m.intParameter(file, "max_tokens"), imageSigma,
                    // Files from before these existed have one Gaussian (or Bernoulli) per pixel and the first decoder.
                    intParameter(file, m, "pixel_components", 1), intParameter(file, m, "decoder_width", 1));
            CrossModalVae vae = new CrossModalVae(c, new CrossModalVae.Weights(textWeight, wordDropout, cycleWeight), new Rng(0));
            vae.loadState(CrossModalVae.withCurrentNames(m.tensorsUnder("vae.")));
            SceneJudge judge = null;
            if ("scene-judge".equals(m.hyperparameters().get("judge"))) {
                judge = new SceneJudge(Float.parseFloat(m.hyperparameters().getOrDefault("judge_dropout", "0")), new Rng(0));
                judge.loadState(m.tensorsUnder("judge."));
            }
            Map<String, History> history = new LinkedHashMap<>();
            if (m.tensors().containsKey("history.vae")) {
                history.put("vae", History.read(m, "history.vae", VAE_HISTORY));
            }
            if (m.tensors().containsKey("history.judge")) {
                history.put("judge", History.read(m, "history.judge", LEGACY_JUDGE_HISTORY));
            }
            return new CrossModalModel(vae, new Vocabulary(m.vocabulary()), judge,
                    m.hyperparameters().getOrDefault("dataset", "unknown"), history);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "does not hold a valid cross-modal model: " + e.getMessage());
        }
    }

    private static int intParameter(Path file, ModelFile m, String key, int absent) throws ModelFileException {
        return m.hyperparameters().containsKey(key) ? m.intParameter(file, key) : absent;
    }
}
