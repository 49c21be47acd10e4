package vaelab.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.api.TextImageModel;
import vaelab.data.scenes.Language;
import vaelab.model.Familiarity;
import vaelab.data.CaptionedFolder;
import vaelab.data.scenes.SceneKeywords;
import vaelab.report.ImageGrid;
import vaelab.report.Json;

/** The commands that use a trained scene model: generate, caption, sentiment. */
final class SceneCommands {
    private SceneCommands() {
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Draw pictures of a sentence with the cross-modal model, judge their sentiment and caption them back.",
                    "Example: vaelab generate --text \"a sunny meadow with flowers\" --out out/meadow.png --n 8"})
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SceneModelOption model = new SceneModelOption();

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "What the scene should show, in English or Chinese.")
        String text;

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "out/generate.png",
                description = "The grid of pictures, PNG or JPEG by its extension; each picture is also written beside it as NAME-1.png,"
                        + " NAME-2.png, … (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--n", defaultValue = "8", description = "How many pictures (1–256; default: ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the pictures' codes (default: ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        TemperatureOption temperature = new TemperatureOption();

        @Mixin
        GuidanceOption guidance = new GuidanceOption();

        @Mixin
        CandidatesOption candidates = new CandidatesOption();

        @Option(names = "--as-written", description = {"Give the model the text word for word. By default a scene model reads the "
                + "scene its keywords name, in the words of its training captions (printed as \"read as\"): it draws less faithfully "
                + "from phrasings it never saw."})
        boolean asWritten;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            int draws = candidates.value();
            if (text.isBlank()) {
                throw new UserException("--text is empty: say what the scene should show, e.g. --text \"a sunny meadow with flowers\"");
            }
            if (n < 1 || n > 256) {
                throw new UserException("--n must be between 1 and 256, got " + n);
            }
            PictureOutput.check(out);
            TextImageModel m = guidance.apply(model.load());
            float tau = temperature.value(m.defaultTemperature());
            TextImageModel.Generation g = m.generate(text, n, seed, tau, draws, reading(asWritten));
            PrintWriter err = spec.commandLine().getErr();
            warn(err, g, json);
            List<Path> files = writePictures(g, out);
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                w.println(Json.write(toJson(g, out, files, seed, tau, m.guidance(), draws)));
            } else {
                print(w, g, out);
            }
            return 0;
        }
    }

    /**
     * Notes on stderr about what the model could not use. The words it ignored are noted there only
     * when stdout is JSON: the text output lists them itself.
     */
    static void warn(PrintWriter err, TextImageModel.Generation g, boolean json) {
        if (g.fromPrior()) {
            err.println("vaelab: no word of this text is known to the model (" + String.join(", ", g.unknownWords())
                    + "); the pictures are drawn from the prior, i.e. any scene");
        } else if (!g.unknownWords().isEmpty() && json) {
            err.println("vaelab: words not understood, ignored: " + String.join(", ", g.unknownWords()));
        }
        if (g.droppedTokens() > 0) {
            err.println("vaelab: the text is longer than the model reads; its last " + g.droppedTokens() + " tokens were cut");
        }
        err.flush();
    }

    /** Writes the captioned grid to {@code grid} and each picture beside it; returns the pictures' files. */
    static List<Path> writePictures(TextImageModel.Generation g, Path grid) throws IOException {
        int n = g.images().size();
        float[] all = new float[n * 3 * TextImageModel.SIDE * TextImageModel.SIDE];
        String[] labels = new String[n];
        List<Path> files = new ArrayList<>();
        String base = PictureOutput.stem(grid);
        String extension = grid.getFileName().toString().substring(base.length());
        for (int i = 0; i < n; i++) {
            TextImageModel.Picture p = g.images().get(i);
            System.arraycopy(p.pixels(), 0, all, i * p.pixels().length, p.pixels().length);
            labels[i] = p.sentiment() == null ? p.caption()
                    : String.format("%s %.2f: %s", p.sentiment().label(), p.sentiment().probability(), p.caption());
            Path f = grid.resolveSibling(base + "-" + (i + 1) + extension);
            PictureOutput.write(p.toImage(4), f);
            files.add(f);
        }
        BufferedImage img = ImageGrid.renderCaptioned(all, n, 3, TextImageModel.SIDE, TextImageModel.SIDE, Math.min(n, 4), 4, labels, 4);
        PictureOutput.write(img, grid);
        return files;
    }

    static TextImageModel.Reading reading(boolean asWritten) {
        return asWritten ? TextImageModel.Reading.AS_WRITTEN : TextImageModel.Reading.KEYWORDS;
    }

    /** The longest text echoed back whole; a longer one is cut, with how much was left out. */
    static final int ECHO_LIMIT = 200;

    /** A user's text as the output shows it: whole up to {@link #ECHO_LIMIT} characters, else cut. */
    static String shown(String text) {
        if (text.codePointCount(0, text.length()) <= ECHO_LIMIT) {
            return text;
        }
        int end = text.offsetByCodePoints(0, ECHO_LIMIT);
        return text.substring(0, end) + "… (" + (text.codePointCount(end, text.length())) + " more characters)";
    }

    static void print(PrintWriter w, TextImageModel.Generation g, Path grid) {
        w.println("text: " + shown(g.text()));
        w.println("keywords: " + (g.keywords().isEmpty() ? "none" : String.join(", ", g.keywords())));
        w.println("unknown words: " + (g.unknownWords().isEmpty() ? "none" : String.join(", ", g.unknownWords())));
        if (!g.readAs().equals(g.text())) {
            w.println("read as: " + g.readAs());
        }
        if (g.finished()) {
            w.println("finished by the model: no caption it learnt from ends there, so each picture is drawn after its own"
                    + " ending of it");
        }
        w.printf("text sentiment: %s (p(positive) = %.2f)%n", g.textSentiment().label(), g.textSentiment().probability());
        if (g.sentiment() == null) {
            w.printf("pictures: %s (%d); this model has no judge of sentiment%n", grid, g.images().size());
        } else {
            long positive = g.images().stream().filter(p -> p.sentiment().probability() > 0.5).count();
            w.printf("pictures: %s (%d); judged sentiment: %s (mean p(positive) = %.2f; %d of %d positive)%n", grid,
                    g.images().size(), g.sentiment().label(), g.sentiment().probability(), positive, g.images().size());
        }
        for (int i = 0; i < g.images().size(); i++) {
            TextImageModel.Picture p = g.images().get(i);
            w.printf("  %d. %s caption: %s%n", i + 1, p.sentiment() == null ? ""
                    : String.format("%s %.2f ", p.sentiment().label(), p.sentiment().probability()), p.caption());
        }
        w.flush();
    }

    /**
     * The generation as JSON, ending with what reproduces it: seed, temperature, guidance and the
     * candidates each picture was chosen from.
     */
    static Map<String, Object> toJson(TextImageModel.Generation g, Path grid, List<Path> files, long seed, float temperature,
                                      float guidance, int candidates) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("text", g.text());
        o.put("keywords", g.keywords());
        o.put("unknown_words", g.unknownWords());
        o.put("read_as", g.readAs());
        o.put("truncated_tokens", g.droppedTokens());
        o.put("from_prior", g.fromPrior());
        o.put("finished_by_model", g.finished());
        o.put("text_sentiment", sentiment(g.textSentiment()));
        o.put("sentiment", sentiment(g.sentiment()));
        o.put("caption", g.images().get(0).caption());
        o.put("grid", grid.toString());
        List<Object> images = new ArrayList<>();
        for (int i = 0; i < g.images().size(); i++) {
            TextImageModel.Picture p = g.images().get(i);
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("file", files.get(i).toString());
            im.put("sentiment", sentiment(p.sentiment()));
            im.put("caption", p.caption());
            im.put("judged", attributes(p.judged()));
            images.add(im);
        }
        o.put("images", images);
        o.put("seed", seed);
        o.put("temperature", Double.parseDouble(Float.toString(temperature)));
        o.put("guidance", Double.parseDouble(Float.toString(guidance)));
        o.put("candidates", g.fromPrior() ? 1 : candidates);
        return o;
    }

    static Map<String, Object> sentiment(TextImageModel.Sentiment s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", s.label());
        // Named for what it is: p(positive), also when the label is negative.
        m.put("probability_positive", s.probability());
        return m;
    }

    static Map<String, Object> attributes(TextImageModel.Attributes s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sky", s.sky());
        m.put("land", s.land());
        m.put("snow", s.snow());
        m.put("water", s.water());
        m.put("plants", s.plants());
        m.put("animals", s.animals());
        return m;
    }

    /**
     * Where what a caption names contradicts what the judge reads in the same picture: {attribute,
     * caption's value, judge's value}, the sentiment included when the caption has a mood word.
     */
    static List<String[]> disagreements(SceneKeywords.Result named, TextImageModel.Picture p) {
        List<String[]> out = new ArrayList<>();
        TextImageModel.Attributes j = p.judged();
        if (j == null) {
            return out;
        }
        Object[][] pairs = {{"sky", named.sky(), j.sky()}, {"land", named.land(), j.land()}, {"water", named.water(), j.water()},
            {"plants", named.plants(), j.plants()}, {"animals", named.animals(), j.animals()}};
        for (Object[] pair : pairs) {
            if (pair[1] != null) {
                String said = ((Enum<?>) pair[1]).name().toLowerCase(java.util.Locale.ROOT);
                if (!said.equals(pair[2])) {
                    out.add(new String[] {(String) pair[0], said.replace('_', ' '), ((String) pair[2]).replace('_', ' ')});
                }
            }
        }
        if (named.snow() && !j.snow()) {
            out.add(new String[] {"snow", "snow", "no snow"});
        }
        if (named.positive() != null && p.sentiment() != null && named.positive() != p.sentiment().probability() > 0.5) {
            out.add(new String[] {"sentiment", named.positive() ? "positive" : "negative", p.sentiment().label()});
        }
        return out;
    }

    /** en → English, zh → Chinese, null → null (the model's choice); anything else is an error naming both. */
    static Language language(String lang) {
        if (lang == null) {
            return null;
        }
        switch (lang.toLowerCase(java.util.Locale.ROOT)) {
            case "en":
            case "english":
                return Language.ENGLISH;
            case "zh":
            case "chinese":
            case "中文":
                return Language.CHINESE;
            default:
                throw new UserException("--lang must be en (English) or zh (Chinese), got '" + lang + "'");
        }
    }

    /** The reading of a scene model, or null for a model of another data set (which has no notion of a scene). */
    static Familiarity.Reading familiarity(TextImageModel m, float[] pixels) {
        return "scenes".equals(m.network().dataset()) ? m.familiarity(pixels) : null;
    }

    /** Puts whether the picture lies within what the model knows, first, so that no reader takes the rest on trust. */
    static void putFamiliarity(Map<String, Object> o, Familiarity.Reading r) {
        if (r == null) {
            return;
        }
        o.put("within_known_scenes", r.familiar());
        Map<String, Object> f = new LinkedHashMap<>();
        for (Familiarity.Check c : r.checks()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", Double.isNaN(c.value()) ? null : c.value());
            e.put("limit", Double.isNaN(c.limit()) ? null : c.limit());
            f.put(c.name(), e);
        }
        o.put("familiarity", f);
        if (!r.familiar()) {
            o.put("warning", "this picture is unlike the scenes the model learnt from (" + r.reason()
                    + "); its caption, sentiment and judged attributes are unreliable");
        }
    }

    static void warnUnfamiliar(PrintWriter w, Familiarity.Reading r, String what) {
        if (r != null && !r.familiar()) {
            w.println("unreliable: this picture is unlike the scenes the model learnt from, so this " + what + " says little about it");
            w.println("  (" + r.reason() + ")");
        }
    }

    /** Reads any PNG or JPEG as 32×32 RGB, saying on stderr when it had to be resized. */
    static float[] readImage(Path file, PrintWriter err) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("no image file at " + file);
        }
        BufferedImage img;
        try {
            img = vaelab.data.ImageFiles.read(file);
        } catch (vaelab.data.ImageFiles.TooLargeException e) {
            throw new UserException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot read the image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new UserException(file + " is not an image this build reads (PNG, JPEG, GIF or BMP)");
        }
        if (img.getWidth() != TextImageModel.SIDE || img.getHeight() != TextImageModel.SIDE) {
            err.printf("vaelab: %s is %d×%d; resized to 32×32 for the model%n", file, img.getWidth(), img.getHeight());
            err.flush();
        }
        return CaptionedFolder.toPixels(img, TextImageModel.SIDE);
    }

    @Command(name = "caption", mixinStandardHelpOptions = true,
            description = {"Write a caption for a picture with the cross-modal model (any size; resized to 32x32).",
                    "Example: vaelab caption --image out/generate-1.png"})
    static final class Caption implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SceneModelOption model = new SceneModelOption();

        @Option(names = "--image", required = true, paramLabel = "FILE", description = "A PNG or JPEG picture.")
        Path image;

        @Option(names = "--lang", paramLabel = "en|zh", description = "The caption's language: en (English) or zh (Chinese);"
                + " without it, the language the model's first words take. A caption is never written in both.")
        String lang;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Override
        public Integer call() {
            Language language = language(lang);
            float[] pixels = readImage(image, spec.commandLine().getErr());
            TextImageModel m = model.load();
            TextImageModel.Picture p = m.describe(pixels, language);
            Familiarity.Reading known = familiarity(m, pixels);
            SceneKeywords.Result named = SceneKeywords.extract(p.caption());
            List<String[]> differ = disagreements(named, p);
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("image", image.toString());
                putFamiliarity(o, known);
                o.put("caption", p.caption());
                o.put("keywords", named.keywords());
                o.put("sentiment", sentiment(p.sentiment()));
                o.put("judged", attributes(p.judged()));
                if (!differ.isEmpty()) {
                    List<Map<String, Object>> d = new ArrayList<>();
                    for (String[] x : differ) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("attribute", x[0]);
                        e.put("caption", x[1]);
                        e.put("judged", x[2]);
                        d.add(e);
                    }
                    o.put("caption_contradicts_judge", d);
                    o.put("trust", "judged");
                }
                w.println(Json.write(o));
            } else {
                w.println(p.caption());
                warnUnfamiliar(w, known, "caption");
                if (!differ.isEmpty() && (known == null || known.familiar())) {
                    List<String> parts = new ArrayList<>();
                    for (String[] x : differ) {
                        parts.add(x[0] + ": the caption says " + x[1] + ", the judge sees " + x[2]);
                    }
                    w.println("note: the caption and the judge disagree (" + String.join("; ", parts) + "); the judge is the"
                            + " surer reader (it reads 0.984 of the attributes of real test scenes right), so trust it");
                }
            }
            return 0;
        }
    }

    @Command(name = "sentiment", mixinStandardHelpOptions = true,
            description = {"Say whether a picture (or a text) feels positive or negative, with the probability.",
                    "Examples: vaelab sentiment --image out/generate-1.png", "          vaelab sentiment --text \"a gloomy stormy night\""})
    static final class Sentiment implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SceneModelOption model = new SceneModelOption();

        @Option(names = "--image", paramLabel = "FILE", description = "A PNG or JPEG picture.")
        Path image;

        @Option(names = "--text", paramLabel = "TEXT", description = "A sentence describing a scene.")
        String text;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Override
        public Integer call() {
            if ((image == null) == (text == null)) {
                throw new UserException("give exactly one of --image FILE or --text TEXT");
            }
            Map<String, Object> o = new LinkedHashMap<>();
            TextImageModel.Sentiment s;
            Familiarity.Reading known = null;
            if (image != null) {
                float[] pixels = readImage(image, spec.commandLine().getErr());
                TextImageModel m = model.load();
                if (!m.hasJudge()) {
                    throw new UserException(model.resolve() + " has no judge of sentiment; it was trained on " + m.network().dataset()
                            + ", not on scenes");
                }
                TextImageModel.Picture p = m.describe(pixels);
                s = p.sentiment();
                o.put("image", image.toString());
                known = familiarity(m, pixels);
                putFamiliarity(o, known);
                o.put("sentiment", sentiment(s));
                o.put("judged", attributes(p.judged()));
            } else {
                if (text.isBlank()) {
                    throw new UserException("--text is empty");
                }
                // Text sentiment needs no trained model: mood words, else an exact count over scenes.
                SceneKeywords.Result r = SceneKeywords.extract(text);
                double p = vaelab.data.scenes.TextSentiment.positiveProbability(r);
                s = new TextImageModel.Sentiment(p > 0.5 ? "positive" : "negative", p);
                o.put("text", text);
                o.put("sentiment", sentiment(s));
                o.put("keywords", r.keywords());
                o.put("unknown_words", r.unknownWords());
                o.put("basis", r.positive() != null ? "mood words" : r.empty() ? "nothing known: an even chance"
                        : "the chance that a scene with what the text names is positive");
            }
            PrintWriter w = spec.commandLine().getOut();
            if (json) {
                w.println(Json.write(o));
            } else {
                w.printf("%s (p(positive) = %.2f)%n", s.label(), s.probability());
                warnUnfamiliar(w, known, "sentiment");
                if (text != null && !"mood words".equals(o.get("basis"))) {
                    @SuppressWarnings("unchecked")
                    List<String> unknown = (List<String>) o.get("unknown_words");
                    w.println(o.get("keywords").equals(List.of())
                            ? "nothing in the text was understood, so this is an even chance" + (unknown.isEmpty() ? ""
                            : " (unknown words: " + String.join(", ", unknown) + ")")
                            : "no mood word: this is the chance that a scene with " + String.join(", ", (List<String>) o.get("keywords"))
                            + " is positive");
                }
            }
            return 0;
        }
    }
}
