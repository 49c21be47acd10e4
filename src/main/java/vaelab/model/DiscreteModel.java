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
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.Tokenizer;
import vaelab.text.Vocabulary;

/**
 * The discrete-code text–image model, as one file: the discrete VAE (codebook, encoder, decoder), the
 * transformer prior over caption and codes, the caption vocabulary and the scene judge. Text → image
 * draws codes after the caption and decodes them; image → text encodes the picture and writes the
 * caption after its codes.
 *
 * <p>The file's architecture is {@value #ARCHITECTURE}; tensors are "dvae.…", "prior.…", "judge.…".
 */
public final class DiscreteModel implements TextImageNetwork {
    public static final String ARCHITECTURE = "discrete";
    /** The pixel likelihood of {@link #read}'s −ELBO: the Gaussian model's, so that the two bounds compare. */
    static final double PIXEL_SIGMA = 0.1;
    /** The k most likely codes a drawn cell may take; 0 for all. */
    public static final int DEFAULT_TOP_K = 0;
    /**
     * The guidance scale of pictures drawn from text (CodePrior.Sampling). Chosen on 300 validation
     * scenes with 16 candidates (docs/DISCRETE.md, "Guidance"): of 1, 2, 3, 4 and 6, 3 drew the named
     * attributes best (0.959 against 0.907 unguided), strict 0.863 against 0.717.
     */
    public static final float DEFAULT_GUIDANCE = 3f;

    private final DiscreteVae vae;
    private final CodePrior prior;
    private final Vocabulary vocabulary;
    private final CaptionLanguage captionLanguage; // which tokens are English and which Chinese
    private final SceneJudge judge; // null when none was given
    private final Map<String, History> history; // "dvae", "prior": one row per epoch
    private final Tokenizer tokenizer = ScenesText.tokenizer();
    private final float guidance; // of the pictures drawn from text; 1: none

    public DiscreteModel(DiscreteVae vae, CodePrior prior, Vocabulary vocabulary, SceneJudge judge, Map<String, History> history) {
        this(vae, prior, vocabulary, judge, history, DEFAULT_GUIDANCE);
    }

    private DiscreteModel(DiscreteVae vae, CodePrior prior, Vocabulary vocabulary, SceneJudge judge, Map<String, History> history,
                          float guidance) {
        if (vocabulary.size() != prior.config().vocabulary() || vae.config().codes() != prior.config().codes()
                || vae.config().depth() != prior.config().depth()) {
            throw new IllegalArgumentException("the prior (" + prior.config().vocabulary() + " tokens, " + prior.config().depth() + " × "
                    + prior.config().codes() + " codes) does not fit the vocabulary (" + vocabulary.size() + ") or the codebooks ("
                    + vae.config().depth() + " × " + vae.config().codes() + ")");
        }
        this.vae = vae;
        this.prior = prior;
        this.vocabulary = vocabulary;
        this.captionLanguage = CaptionLanguage.of(vocabulary);
        this.judge = judge;
        this.history = new LinkedHashMap<>(history);
        this.guidance = new CodePrior.Sampling(1f, 0, guidance).guidance(); // checked
        vae.eval();
        prior.eval();
        if (judge != null) {
            judge.eval();
        }
    }

    public DiscreteVae vae() {
        return vae;
    }

    public CodePrior prior() {
        return prior;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public SceneJudge judge() {
        return judge;
    }

    @Override
    public String kind() {
        return "discrete";
    }

    @Override
    public String dataset() {
        return "scenes";
    }

    @Override
    public int channels() {
        return vae.config().channels();
    }

    @Override
    public int codebookSize() {
        return vae.config().depth() * vae.config().codes();
    }

    /**
     * The same model drawing its pictures from text with guidance scale {@code g} (1: none; see
     * {@link CodePrior.Sampling}); it shares every weight with this one.
     */
    @Override
    public DiscreteModel withGuidance(float g) {
        return new DiscreteModel(vae, prior, vocabulary, judge, history, g);
    }

    @Override
    public float guidance() {
        return guidance;
    }

    /** 1: the prior's own distribution over each code. */
    @Override
    public float defaultTemperature() {
        return 1f;
    }

    @Override
    public float[] picturesFromText(List<String> texts, int n, float temperature, int candidates, Rng rng) {
        CodePrior.Sampling s = new CodePrior.Sampling(temperature, DEFAULT_TOP_K, guidance);
        return vae.decode(codes(texts, n, s, candidates, rng), texts.size() * n);
    }

    /** Captions written greedily after each picture's codes. */
    @Override
    public List<String> captionsOf(Tensor images, Language language, Rng rng) {
        return captionsOf(images, language, 1, rng);
    }

    @Override
    public List<String> captionsOf(Tensor images, Language language, int candidates, Rng rng) {
        return written(bestCaptions(vae.encode(images), images.dim(0), language, candidates, rng));
    }

    /**
     * A caption of each of n grids: the greedy one, and with {@code candidates} > 1 as many more
     * drawn at the prior's own temperature; kept is the one after which the prior finds the grid's
     * codes most likely, log p(codes | caption). By Bayes' rule that is the caption the picture makes
     * most probable under an even prior over captions: greedy writing alone leaves out what is
     * uncertain (a few animals, thin snow) and now and then names what is not there, which
     * p(codes | caption) punishes. Nothing but the model scores them.
     */
    private List<int[]> bestCaptions(int[] grids, int n, Language language, int candidates, Rng rng) {
        if (candidates < 1) {
            throw new IllegalArgumentException("need at least one candidate, got " + candidates);
        }
        List<int[]> greedy = prior.writeCaptions(grids, n, new CodePrior.Sampling(0f, 0), rng, captionLanguage, language);
        if (candidates == 1) {
            return greedy;
        }
        int cells = vae.config().codesPerPicture();
        int drawn = candidates - 1;
        int[] repeated = new int[n * drawn * cells]; // grid i's draws together
        for (int i = 0; i < n * drawn; i++) {
            System.arraycopy(grids, (i / drawn) * cells, repeated, i * cells, cells);
        }
        List<int[]> sampled = prior.writeCaptions(repeated, n * drawn, new CodePrior.Sampling(1f, 0), rng, captionLanguage, language);
        List<int[]> all = new ArrayList<>(greedy);
        all.addAll(sampled);
        int[] allGrids = new int[all.size() * cells];
        System.arraycopy(grids, 0, allGrids, 0, grids.length);
        System.arraycopy(repeated, 0, allGrids, grids.length, repeated.length);
        double[] score = prior.codesGivenCaptionLogLikelihood(all, allGrids);
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int best = i; // the greedy caption wins ties
            for (int c = 0; c < drawn; c++) {
                int k = n + i * drawn + c;
                if (score[k] > score[best]) {
                    best = k;
                }
            }
            out.add(all.get(best));
        }
        return out;
    }

    /**
     * The −ELBO here is the discrete VAE's with a uniform prior over codes: the pictures'
     * reconstruction under Gaussian pixels of σ = {@value #PIXEL_SIGMA} (the Gaussian model's) plus
     * KL(one-hot ‖ uniform) = log K per cell.
     */
    @Override
    public Readings read(Tensor images, List<String> captions, float temperature, int candidates, Rng rng) {
        int n = images.dim(0);
        int[] grids = vae.encode(images);
        float[] rebuilt = vae.decode(grids, n);
        double sq = 0;
        for (int i = 0; i < rebuilt.length; i++) {
            double d = rebuilt[i] - images.data()[i];
            sq += d * d;
        }
        int values = rebuilt.length / n;
        double negElbo = sq / n / (2 * PIXEL_SIGMA * PIXEL_SIGMA) + values * 0.5 * Math.log(2 * Math.PI * PIXEL_SIGMA * PIXEL_SIGMA)
                + vae.config().codesPerPicture() * Math.log(vae.config().codes());
        float[] generated = picturesFromText(captions, 1, temperature, candidates, rng);
        List<String> written = written(bestCaptions(grids, n, null, candidates, rng));
        return new Readings(negElbo, generated, written, rebuilt, vae.quantizer().acrossLevels(grids));
    }

    @Override
    public double[] codeCost(Tensor images) {
        double[] ll = prior.codesLogLikelihood(vae.encode(images));
        for (int i = 0; i < ll.length; i++) {
            ll[i] = -ll[i];
        }
        return ll;
    }

    @Override
    public float[] rebuild(Tensor images) {
        return vae.decode(vae.encode(images), images.dim(0));
    }

    /** One row per epoch of "dvae" and "prior", by column name. */
    public Map<String, History> history() {
        return java.util.Collections.unmodifiableMap(history);
    }

    /** What the model reads of a text: at most the prior's caption length in tokens. */
    @Override
    public Tokenizer.Encoded encode(String text) {
        return tokenizer.encode(text, vocabulary, prior.config().maxTokens());
    }

    /**
     * {@code n} pictures of a text, (n, 3, 32, 32) in [0, 1]: each the one of {@code candidates} grids
     * drawn from p(codes | text) whose codes give the text the highest log p(text | codes), read back by
     * the same prior in picture order. The choice uses nothing but the model.
     */
    public float[] pictures(String text, int n, CodePrior.Sampling sampling, int candidates, Rng rng) {
        return vae.decode(codes(text, n, sampling, candidates, rng), n);
    }

    /** The grids of {@link #pictures}: (n·64·L). */
    public int[] codes(String text, int n, CodePrior.Sampling sampling, int candidates, Rng rng) {
        return codes(List.of(text), n, sampling, candidates, rng);
    }

    /** The grids of n pictures of each text, all drawn in one batch: (texts·n·64·L), the n of text i together. */
    public int[] codes(List<String> texts, int n, CodePrior.Sampling sampling, int candidates, Rng rng) {
        if (n < 1 || candidates < 1) {
            throw new IllegalArgumentException("need at least one picture and one candidate, got " + n + " and " + candidates);
        }
        List<int[]> each = drawnAfter(texts, n * candidates, rng);
        CodePrior.Drawn drawn = prior.drawCodes(each, 1, sampling, rng);
        int cells = vae.config().codesPerPicture();
        int pictures = texts.size() * n;
        double[] score = drawn.logLikelihood();
        if (candidates > 1) {
            // Kept: the grid from which the prior reads the caption back most likely. Keeping the most
            // likely grid instead favours plain pictures, whose few codes are easy to predict, and drops
            // the small things the caption names (DISCRETE.md, "Choosing among the drawn grids").
            score = prior.captionLogLikelihood(each, drawn.codes());
        }
        int[] out = new int[pictures * cells];
        for (int i = 0; i < pictures; i++) {
            int best = i * candidates;
            for (int c = 1; c < candidates; c++) {
                if (score[i * candidates + c] > score[best]) {
                    best = i * candidates + c;
                }
            }
            System.arraycopy(drawn.codes(), best * cells, out, i * cells, cells);
        }
        return out;
    }

    /**
     * Below this p(end | caption) a caption is one the prior never saw end there, and it finishes the
     * caption itself before it draws. Measured on the shipped model: a caption naming one thing
     * ("a scene with flowers") or none ends with p ≤ 0.001, and none of the 2,000 test captions below
     * 0.22 (DISCRETE.md, "Captions that name one thing").
     */
    public static final double UNFINISHED = 0.01;

    /**
     * The caption each of {@code m} grids of each text is drawn after, text i's together: its own
     * tokens, or, when the prior finds that a caption which begins so does not end there (p(end) below
     * {@link #UNFINISHED}), that beginning finished by the prior for each grid (p(rest | caption),
     * at temperature 1). A sentence that names one thing is then drawn from p(picture | the captions
     * that begin with it), not from whatever the prior makes of a caption it never saw.
     */
    public List<int[]> drawnAfter(List<String> texts, int m, Rng rng) {
        List<int[]> captions = new ArrayList<>(texts.size());
        for (String t : texts) {
            captions.add(encode(t).ids());
        }
        double[] end = prior.endLogProbability(captions);
        List<int[]> each = new ArrayList<>(texts.size() * m);
        for (int i = 0; i < captions.size(); i++) {
            if (unfinished(end[i])) {
                each.addAll(prior.finishCaptions(captions.get(i), m, new CodePrior.Sampling(1f, 0), rng, captionLanguage));
            } else {
                each.addAll(java.util.Collections.nCopies(m, captions.get(i)));
            }
        }
        return each;
    }

    @Override
    public boolean finishesCaption(String text) {
        return unfinished(prior.endLogProbability(List.of(encode(text).ids()))[0]);
    }

    private static boolean unfinished(double logEnd) {
        return logEnd < Math.log(UNFINISHED);
    }

    /** A caption of each picture (n, 3, 32, 32). */
    public List<String> captions(Tensor images, CodePrior.Sampling sampling, Rng rng) {
        return captionsOfCodes(vae.encode(images), images.dim(0), sampling, rng);
    }

    /** A caption of each of n grids of codes (n·64·L). */
    public List<String> captionsOfCodes(int[] grids, int n, CodePrior.Sampling sampling, Rng rng) {
        return written(prior.writeCaptions(grids, n, sampling, rng, captionLanguage, null));
    }

    private List<String> written(List<int[]> captions) {
        List<String> out = new ArrayList<>();
        for (int[] ids : captions) {
            List<String> tokens = new ArrayList<>(ids.length);
            for (int id : ids) {
                tokens.add(vocabulary.token(id));
            }
            out.add(Tokenizer.detokenize(tokens));
        }
        return out;
    }

    /**
     * Whether a tensor of this model's file is one of the discrete VAE's or the prior's weights, the
     * part that may be stored in 16 bits; the judge stays in 32 so that it reads pictures exactly as
     * it reads the Gaussian model's.
     */
    public static boolean isNetworkWeight(String tensorName) {
        return tensorName.startsWith("dvae.") || tensorName.startsWith("prior.");
    }

    public ModelFile toModelFile(Map<String, String> extraHyperparameters) {
        Map<String, String> hyper = new LinkedHashMap<>();
        vae.config().toMap().forEach((k, v) -> hyper.put("dvae." + k, v));
        prior.config().toMap().forEach((k, v) -> hyper.put("prior." + k, v));
        hyper.put("dataset", "scenes");
        hyper.put("judge", judge != null ? "scene-judge" : "none");
        hyper.putAll(extraHyperparameters);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        vae.state().forEach((k, v) -> tensors.put("dvae." + k, v));
        prior.state().forEach((k, v) -> tensors.put("prior." + k, v));
        if (judge != null) {
            judge.state().forEach((k, v) -> tensors.put("judge." + k, v));
        }
        history.forEach((k, h) -> h.write("history." + k, hyper, tensors));
        return new ModelFile(ARCHITECTURE, hyper, vocabulary.tokens(), tensors);
    }

    public static DiscreteModel read(Path file) throws ModelFileException {
        return fromModelFile(file, ModelFile.read(file));
    }

    public static DiscreteModel fromModelFile(Path file, ModelFile m) throws ModelFileException {
        m.requireArchitecture(file, ARCHITECTURE);
        Map<String, String> h = m.hyperparameters();
        try {
            DiscreteVae.Config vc = new DiscreteVae.Config(m.intParameter(file, "dvae.channels"), m.intParameter(file, "dvae.codes"),
                    m.intParameter(file, "dvae.code_dim"), m.intParameter(file, "dvae.hidden"), Float.parseFloat(h.get("dvae.decay")),
                    h.containsKey("dvae.depth") ? m.intParameter(file, "dvae.depth") : 1); // files before residual codes: one level
            CodePrior.Config pc = new CodePrior.Config(m.intParameter(file, "prior.vocabulary"), m.intParameter(file, "prior.codes"),
                    m.intParameter(file, "prior.max_tokens"), m.intParameter(file, "prior.width"), m.intParameter(file, "prior.layers"),
                    m.intParameter(file, "prior.heads"), Float.parseFloat(h.get("prior.dropout")),
                    h.containsKey("prior.depth") ? m.intParameter(file, "prior.depth") : 1);
            DiscreteVae vae = new DiscreteVae(vc, new Rng(0));
            vae.loadState(DiscreteVae.withLevelNames(m.tensorsUnder("dvae.")));
            CodePrior prior = new CodePrior(pc, new Rng(0));
            prior.loadState(m.tensorsUnder("prior."));
            SceneJudge judge = null;
            if ("scene-judge".equals(h.get("judge"))) {
                judge = new SceneJudge(0f, new Rng(0));
                judge.loadState(m.tensorsUnder("judge."));
            }
            Map<String, History> history = new LinkedHashMap<>();
            for (String stage : List.of("dvae", "prior")) {
                if (m.tensors().containsKey("history." + stage)) {
                    history.put(stage, History.read(m, "history." + stage, List.of()));
                }
            }
            return new DiscreteModel(vae, prior, new Vocabulary(m.vocabulary()), judge, history);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFileException(file, "does not hold a valid discrete-code model: " + e.getMessage());
        }
    }

}
