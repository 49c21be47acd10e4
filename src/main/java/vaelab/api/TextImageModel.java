package vaelab.api;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vaelab.data.CaptionedFolder;
import vaelab.data.scenes.Language;
import vaelab.data.scenes.Scene;
import vaelab.data.scenes.TextSentiment;
import vaelab.io.ModelFileException;
import vaelab.model.CrossModalModel;
import vaelab.model.DiscreteModel;
import vaelab.model.Familiarity;
import vaelab.model.TextImageNetwork;
import vaelab.model.SceneJudge;
import vaelab.model.SentenceReading;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A trained cross-modal model, ready to use: text → pictures and picture → caption, and for scene
 * models (those with a judge) picture → sentiment. Load it once and share it: nothing in it changes
 * after loading, so any number of threads may call it at once, and each call's result depends only
 * on its arguments — the same text, count and seed give the same pictures, bit for bit.
 *
 * <pre>{@code
 * TextImageModel model = TextImageModel.load(Path.of("data/models/scenes.vae"));
 * TextImageModel.Generation g = model.generate("a sunny meadow with flowers and a clear lake", 4, 42L);
 * System.out.println(g.sentiment().label() + " " + g.sentiment().probability());
 * ImageIO.write(g.images().get(0).toImage(4), "png", new File("meadow.png"));
 * }</pre>
 *
 * Pictures are float arrays of 3 × 32 × 32 RGB values in [0, 1], channel after channel, row after row.
 */
public final class TextImageModel {
    /** Pictures are SIDE × SIDE. */
    public static final int SIDE = 32;
    /**
     * The sampling temperature of {@link #generate(String, int, long)}; see {@link #generate(String, int, long, float)}.
     * Chosen on the 2,000 validation scenes with 16 candidates (docs/CROSSMODAL.md): 0.6–0.8 drew the named
     * attributes best, 1 and 0.5 worse, 0.3 far worse, since the middle of q(z | text) loses the small things.
     */
    public static final float DEFAULT_TEMPERATURE = 0.7f;
    /** How many codes each picture of {@link #generate(String, int, long)} is chosen from; see {@link #generate(String, int, long, float, int)}. */
    public static final int DEFAULT_CANDIDATES = 16;

    private final TextImageNetwork model;
    private Familiarity familiarity; // calibrated at first use

    private TextImageModel(TextImageNetwork model) {
        if (model.channels() != 3) {
            throw new IllegalArgumentException("this API serves RGB models; the model has " + model.channels() + " channel(s)");
        }
        this.model = model;
    }

    private static TextImageModel of(Path file, vaelab.io.ModelFile f) throws ModelFileException {
        TextImageNetwork m = f.architecture().equals(DiscreteModel.ARCHITECTURE) ? DiscreteModel.fromModelFile(file, f)
                : CrossModalModel.fromModelFile(file, f);
        if (m.channels() != 3) {
            throw new ModelFileException(file, "holds a cross-modal model of '" + m.dataset() + "' with "
                    + m.channels() + " channel(s), not of RGB pictures such as scenes");
        }
        TextImageModel model = new TextImageModel(m);
        try {
            model.familiarity = Familiarity.fromTensors(m, f.tensors());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, e.getMessage());
        }
        return model;
    }

    /**
     * Reads a model file written by {@code vaelab train --model crossmodal} or {@code --model discrete}.
     *
     * @param file the model file, e.g. data/models/scenes.vae
     * @return the model, ready for any number of threads
     * @throws ModelFileException if the file is missing, damaged, or holds another kind of model
     */
    public static TextImageModel load(Path file) throws ModelFileException {
        return of(file, vaelab.io.ModelFile.read(file));
    }

    /**
     * Reads a model from the bytes of a model file, e.g. a broadcast variable on a Spark executor.
     *
     * @param name  what to call the bytes in error messages
     * @param bytes the content of a file written by {@code vaelab train --model crossmodal} or {@code --model discrete}
     * @return the model, ready for any number of threads
     * @throws ModelFileException if the bytes are damaged or hold another kind of model
     */
    public static TextImageModel load(String name, byte[] bytes) throws ModelFileException {
        return of(Path.of(name), vaelab.io.ModelFile.fromBytes(name, bytes));
    }

    /** Wraps a model trained in this process (see {@link TextImageTraining}). */
    static TextImageModel of(CrossModalModel model) {
        return new TextImageModel(model);
    }

    /**
     * The underlying Gaussian model, for looking inside: its modules, training history and vocabulary.
     * It is an internal type; do not train it while this object serves calls.
     *
     * @return the model this object serves
     * @throws IllegalStateException when this is a discrete-code model (see {@link #network()})
     */
    public CrossModalModel model() {
        if (model instanceof CrossModalModel m) {
            return m;
        }
        throw new IllegalStateException("this is a " + model.kind() + " model, not a Gaussian cross-modal one; see network()");
    }

    /**
     * The underlying model of either kind, for looking inside. An internal type.
     *
     * @return the model this object serves
     */
    public TextImageNetwork network() {
        return model;
    }

    /**
     * Which kind of model this is.
     *
     * @return "gaussian" (the cross-modal VAE) or "discrete" (the discrete-code VAE with its prior)
     */
    public String kind() {
        return model.kind();
    }

    /**
     * The sampling temperature {@link #generate(String, int, long)} uses: {@value #DEFAULT_TEMPERATURE}
     * for the Gaussian model, 1 for the discrete one (the prior's own distribution).
     *
     * @return the default temperature of this model
     */
    public float defaultTemperature() {
        return model.defaultTemperature();
    }

    /**
     * The guidance scale of the pictures this model draws from text: 1 (none) for the Gaussian model;
     * for the discrete one how much more than the text alone its prior weighs what the text adds
     * (classifier-free guidance), {@value vaelab.model.DiscreteModel#DEFAULT_GUIDANCE} unless set.
     *
     * @return this model's guidance scale
     */
    public float guidance() {
        return model.guidance();
    }

    /**
     * The same model drawing with another guidance scale; it shares every weight with this one.
     * Higher scales draw more of what a text names, at less variety; 1 draws from p(picture | text) itself.
     *
     * @param g the guidance scale, in [0, 100]; the Gaussian model takes only 1
     * @return a model that draws with scale {@code g}
     * @throws IllegalArgumentException if the scale is out of range, or the model has no guidance
     */
    public TextImageModel withGuidance(float g) {
        TextImageModel out = new TextImageModel(model.withGuidance(g));
        out.familiarity = familiarity;
        return out;
    }

    /**
     * Whether this model can judge sentiment and scene attributes (models trained on scenes can).
     *
     * @return true when pictures get a sentiment and attributes
     */
    public boolean hasJudge() {
        return model.judge() != null;
    }

    /**
     * A sentiment: "positive" or "negative", and the probability of positive. For example
     * {@code model.sentiment(pixels).probability() > 0.9} asks for a clearly positive picture.
     *
     * @param label       "positive" when {@code probability} &gt; 0.5, else "negative"
     * @param probability the probability that the picture or text is positive, in [0, 1]
     */
    public record Sentiment(String label, double probability) {
        /**
         * The sentiment whose probability of positive is {@code p}.
         *
         * @param p the probability of positive
         * @return "positive" above 0.5, else "negative", with p
         */
        public static Sentiment of(double p) {
            return new Sentiment(p > 0.5 ? "positive" : "negative", p);
        }
    }

    /**
     * What the judge reads in a scene picture, each attribute in lower case. For example
     * {@code "clear".equals(picture.judged().water())} asks whether it shows clear water.
     *
     * @param sky     sunny, sunset, cloudy, stormy or night
     * @param land    mountains, hills, meadow or desert
     * @param snow    whether the mountains are snow-capped
     * @param water   none, clear or muddy
     * @param plants  none, green_trees, bare_trees or flowers
     * @param animals none, few or group
     */
    public record Attributes(String sky, String land, boolean snow, String water, String plants, String animals) {
        static Attributes of(Scene s) {
            return new Attributes(name(s.sky()), name(s.land()), s.snow(), name(s.water()), name(s.plants()), name(s.animals()));
        }

        private static String name(Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One picture with what the model says about it. For example
     * {@code ImageIO.write(picture.toImage(4), "png", file)} saves it at 128 × 128.
     *
     * @param pixels    3 × 32 × 32 RGB values in [0, 1]
     * @param sentiment its judged sentiment, or null without a judge
     * @param judged    the scene attributes the judge reads, or null without a judge
     * @param caption   the caption the model writes for it
     */
    public record Picture(float[] pixels, Sentiment sentiment, Attributes judged, String caption) {
        /**
         * The picture as an RGB image.
         *
         * @param scale each pixel is drawn as scale × scale
         * @return a new image of 32·scale × 32·scale pixels
         */
        public BufferedImage toImage(int scale) {
            return Pictures.toImage(pixels, scale);
        }
    }

    /**
     * How {@link #generate(String, int, long, float, int, Reading)} gives a text to the model.
     */
    public enum Reading {
        /**
         * For a scene model, the scene the keywords find in the text, said in the words of the training
         * captions: "flowers everywhere on a bright sunny meadow" is read as "a scene with a meadow and
         * flowers under a sunny sky". The text expert learnt from captions alone and draws less faithfully
         * from phrasings it never saw. A text in which the keywords find nothing, and any text given to a
         * model of another data set, is read as written.
         */
        KEYWORDS,
        /** The text word for word, as the text expert sees it; words it never saw are unknown tokens. */
        AS_WRITTEN
    }

    /**
     * What {@link #generate} made of a text. For example {@code g.unknownWords()} lists the words
     * the model ignored, {@code g.readAs()} what it read, and {@code g.images().get(0).caption()} is
     * what it says it drew.
     *
     * @param text          the text as given
     * @param keywords      the scene words found in it (for scene models)
     * @param unknownWords  words of the text that were not understood, which were ignored: those the keywords
     *                      do not know when read through them, else those the model never saw
     * @param readAs        the text the model read: {@code text} itself, or the scene the keywords found in it
     *                      in the words of the training captions (see {@link Reading#KEYWORDS})
     * @param droppedTokens tokens past the model's limit, which were cut before reading
     * @param fromPrior     true when no word was known, so the pictures come from the prior: any scene
     * @param finished      true when the model finished {@code readAs} itself before each picture, because no
     *                      caption it learnt from ends there ("a scene with flowers": its captions name two
     *                      things or more); each picture was drawn after a caption that begins with it
     * @param textSentiment the sentiment the text itself expresses
     * @param sentiment     the mean judged sentiment of the pictures, or null without a judge
     * @param images        the pictures
     */
    public record Generation(String text, List<String> keywords, List<String> unknownWords, String readAs, int droppedTokens,
                             boolean fromPrior, boolean finished, Sentiment textSentiment, Sentiment sentiment, List<Picture> images) {
    }

    /**
     * Draws {@code n} pictures of {@code text} from q(z | text) and describes each.
     *
     * @param text what the scene should show, in English or Chinese
     * @param n    how many pictures, 1 … 256
     * @param seed the seed of the pictures' codes: the same text, n and seed give the same pictures
     * @return the pictures with their captions and sentiment, and what was understood of the text
     * @throws IllegalArgumentException for an empty text or n outside 1 … 256
     */
    public Generation generate(String text, int n, long seed) {
        return generate(text, n, seed, model.defaultTemperature());
    }

    /**
     * As {@link #generate(String, int, long, float, int)} with {@link #DEFAULT_CANDIDATES} candidates.
     *
     * @param text        what the scene should show, in English or Chinese
     * @param n           how many pictures, 1 … 256
     * @param seed        the seed of the pictures' codes
     * @param temperature τ, in [0, 1]
     * @return the pictures with their captions and sentiment, and what was understood of the text
     * @throws IllegalArgumentException for an empty text, n outside 1 … 256 or τ outside [0, 1]
     */
    public Generation generate(String text, int n, long seed, float temperature) {
        return generate(text, n, seed, temperature, DEFAULT_CANDIDATES);
    }

    /**
     * Draws {@code n} pictures of {@code text} with codes z = μ + τ·σ·ε from q(z | text) = N(μ, σ²),
     * each the best of {@code candidates} draws: the one whose picture the model, reading it back with
     * its image encoder, finds most likely to be described by the text. τ = 1 samples q(z | text)
     * itself; a lower τ keeps to its middle, with less variety, and (measured on the scene model) with
     * fewer of the small things a text names: the middle of q(z | text) averages over where a river
     * runs or the animals stand, and in that average they fade. τ = 0 gives n copies of the picture of
     * the mean. More candidates cost proportionally more time, not more memory. A scene model reads the
     * text through its keywords ({@link Reading#KEYWORDS}).
     *
     * <p>A discrete-code model draws each of a picture's 64 codes in turn from its prior after the text,
     * with the logits divided by τ (τ = 0: the most likely code each time), and keeps the candidate from
     * whose codes its prior reads the text back most likely, log p(text | codes).
     *
     * @param text        what the scene should show, in English or Chinese
     * @param n           how many pictures, 1 … 256
     * @param seed        the seed of the pictures' codes
     * @param temperature τ, in [0, 1]
     * @param candidates  draws per picture, 1 … 64; 1 keeps the first
     * @return the pictures with their captions and sentiment, and what was understood of the text
     * @throws IllegalArgumentException for an empty text, n outside 1 … 256, τ outside [0, 1] or
     *                                  candidates outside 1 … 64
     */
    public Generation generate(String text, int n, long seed, float temperature, int candidates) {
        return generate(text, n, seed, temperature, candidates, Reading.KEYWORDS);
    }

    /**
     * As {@link #generate(String, int, long, float, int)}, reading the text as {@code reading} says.
     *
     * @param text        what the scene should show, in English or Chinese
     * @param n           how many pictures, 1 … 256
     * @param seed        the seed of the pictures' codes
     * @param temperature τ, in [0, 1]
     * @param candidates  draws per picture, 1 … 64; 1 keeps the first
     * @param reading     through the keywords (the default) or as written
     * @return the pictures with their captions and sentiment, and what was understood of the text
     * @throws IllegalArgumentException as {@link #generate(String, int, long, float, int)}
     */
    public Generation generate(String text, int n, long seed, float temperature, int candidates, Reading reading) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the text is empty: say what the scene should show, e.g. 'a sunny meadow with flowers'");
        }
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("the number of pictures must be between 1 and 256, got " + n);
        }
        if (candidates < 1 || candidates > 64) {
            throw new IllegalArgumentException("the number of candidates must be between 1 and 64, got " + candidates);
        }
        SentenceReading.Read read = SentenceReading.read(model, text,
                reading == Reading.KEYWORDS ? SentenceReading.Mode.KEYWORDS : SentenceReading.Mode.AS_WRITTEN);
        boolean fromPrior = read.fromPrior();
        Rng rng = new Rng(seed);
        // With no word to go by there is nothing to check the pictures against.
        float[] pixels = model.picturesFromText(List.of(read.readAs()), n, temperature, fromPrior ? 1 : candidates, rng);
        // The captions written back speak the language of the text.
        List<Picture> pictures = describe(pixels, n, Language.of(text), candidates, rng);
        Sentiment mean = null;
        if (hasJudge()) {
            double p = 0;
            for (Picture pic : pictures) {
                p += pic.sentiment().probability();
            }
            mean = Sentiment.of(p / n);
        }
        return new Generation(text, read.keywords().keywords(), read.unknownWords(), read.readAs(), read.written().droppedTokens(),
                fromPrior, model.finishesCaption(read.readAs()), Sentiment.of(TextSentiment.positiveProbability(read.keywords())), mean, pictures);
    }

    /**
     * Captions (and, with a judge, judges) a picture. The same picture, the same caption.
     *
     * @param pixels 3 × 32 × 32 RGB values in [0, 1]
     * @return the picture (a copy) with its caption, and its sentiment and attributes when there is a judge
     */
    public Picture describe(float[] pixels) {
        return describe(pixels, null);
    }

    /**
     * Captions (and, with a judge, judges) a picture, the caption in {@code language}.
     *
     * @param pixels   3 × 32 × 32 RGB values in [0, 1]
     * @param language the caption's language, or null for the one the model's first words take (never two in one caption)
     * @return the picture (a copy) with its caption, and its sentiment and attributes when there is a judge
     */
    public Picture describe(float[] pixels, Language language) {
        requirePixels(pixels);
        return describe(pixels.clone(), 1, language, DEFAULT_CANDIDATES, new Rng(0)).get(0);
    }

    /**
     * Captions any image, resized to 32 × 32.
     *
     * @param image a picture of any size
     * @return the resized picture with its caption, and its sentiment and attributes when there is a judge
     */
    public Picture describe(BufferedImage image) {
        return describe(CaptionedFolder.toPixels(image, SIDE));
    }

    /**
     * Whether a picture lies within what a scene model knows ({@link Familiarity}: how well the model
     * rebuilds it and how near the judge's features lie to real scenes'). Captions and sentiments of
     * an unfamiliar picture say nothing about it. The first call calibrates on generated validation
     * scenes (3 s for the shipped Gaussian model, 15 s for the discrete one, on 2 cores) unless the
     * model file keeps a calibration ({@code vaelab calibrate} stores one; the shipped files and every
     * scene model {@code vaelab train} saves have it); later calls reuse it.
     *
     * @param pixels 3 × 32 × 32 RGB values in [0, 1]
     * @return the reading, with its limits and, when unfamiliar, the reason in words
     * @throws IllegalStateException when the model was not trained on scenes
     */
    public Familiarity.Reading familiarity(float[] pixels) {
        requirePixels(pixels);
        if (!"scenes".equals(model.dataset())) {
            throw new IllegalStateException("familiarity is measured against generated scenes; this model was trained on "
                    + model.dataset());
        }
        Familiarity f;
        synchronized (this) {
            if (familiarity == null) {
                familiarity = Familiarity.calibrate(model);
            }
            f = familiarity;
        }
        return f.read(Tensor.of(pixels.clone(), 1, 3, SIDE, SIDE))[0];
    }

    /**
     * The judged sentiment of a picture.
     *
     * @param pixels 3 × 32 × 32 RGB values in [0, 1]
     * @return the judge's sentiment
     * @throws IllegalStateException when the model has no judge
     */
    public Sentiment sentiment(float[] pixels) {
        requirePixels(pixels);
        requireJudge();
        return Sentiment.of(model.judge().judge(Tensor.of(pixels.clone(), 1, 3, SIDE, SIDE))[0].positiveProbability());
    }

    /**
     * The sentiment a text expresses: its mood words, else the chance that a scene with what it names
     * is positive. Needs no model.
     *
     * @param text a description of a scene
     * @return its sentiment
     */
    public static Sentiment sentiment(String text) {
        return Sentiment.of(TextSentiment.positiveProbability(text));
    }

    /** Each caption the best of {@code candidates} where the model scores captions (the discrete model). */
    private List<Picture> describe(float[] pixels, int n, Language language, int candidates, Rng rng) {
        Tensor images = Tensor.of(pixels, n, 3, SIDE, SIDE);
        SceneJudge.Judgement[] judged = hasJudge() ? model.judge().judge(images) : null;
        List<String> captions = model.captionsOf(images, language, candidates, rng);
        List<Picture> out = new ArrayList<>(n);
        int size = 3 * SIDE * SIDE;
        for (int i = 0; i < n; i++) {
            float[] p = java.util.Arrays.copyOfRange(pixels, i * size, (i + 1) * size);
            out.add(new Picture(p, judged == null ? null : Sentiment.of(judged[i].positiveProbability()),
                    judged == null ? null : Attributes.of(judged[i].scene()), captions.get(i)));
        }
        return out;
    }

    private void requireJudge() {
        if (!hasJudge()) {
            throw new IllegalStateException("this model was trained on " + model.dataset() + " and has no judge of sentiment");
        }
    }

    private static void requirePixels(float[] pixels) {
        if (pixels == null || pixels.length != 3 * SIDE * SIDE) {
            throw new IllegalArgumentException("a picture is 3 × 32 × 32 = 3072 values, got "
                    + (pixels == null ? "null" : pixels.length));
        }
    }
}
