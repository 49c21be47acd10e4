package vaelab.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.api.TextImageModel;
import vaelab.report.ImageGrid;

/** The showcase: sentences → keywords → pictures → judged sentiment → captions back, and an HTML report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"From sentences to pictures and back with the shipped scene model: keywords, pictures, their judged"
                + " sentiment and the captions the model writes for them; writes out/demo/report.html.",
                "Examples: vaelab demo", "          vaelab demo --text \"a cloudy desert with a muddy lake\""})
final class DemoCommand implements Callable<Integer> {
    /** The showcase sentence, its English rendering, and a negative counterpart in both languages. */
    static final List<String> SENTENCES = List.of(
            "这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物",
            "a positive, uplifting scene with beautiful mountains, a clear river and a group of wild animals",
            "一个阴郁的场景，暴风雨的黑夜，光秃秃的树和浑浊的河流",
            "a gloomy scene with a stormy night, bare trees and a muddy river");

    @Spec
    CommandSpec spec;

    @Mixin
    SceneModelOption model = new SceneModelOption();

    @Option(names = "--text", paramLabel = "TEXT", description = "A sentence to show instead of the built-in ones (repeatable).")
    List<String> texts;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/demo", description = "Where the pictures and report.html go (default: ${DEFAULT-VALUE}; with --text, a folder of the sentence's"
                    + " own beside it, e.g. out/demo-a-cloudy-desert). A run replaces what an earlier demo wrote there.")
    Path out;

    @Option(names = "--n", defaultValue = "8", description = "Pictures per sentence (1–64; default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the pictures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TemperatureOption temperature = new TemperatureOption();

    @Mixin
    GuidanceOption guidance = new GuidanceOption();

    @Mixin
    CandidatesOption candidates = new CandidatesOption();

    @Option(names = "--as-written", description = "Give the model each sentence word for word instead of the scene its keywords name "
            + "(see generate --help).")
    boolean asWritten;

    @Override
    public Integer call() throws IOException {
        int draws = candidates.value();
        if (n < 1 || n > 64) {
            throw new UserException("--n must be between 1 and 64, got " + n);
        }
        List<String> sentences = texts == null || texts.isEmpty() ? SENTENCES : texts;
        for (String t : sentences) {
            if (t.isBlank()) {
                throw new UserException("--text is empty: say what the scene should show");
            }
        }
        long start = System.nanoTime();
        TextImageModel m = guidance.apply(model.load());
        if (!m.hasJudge()) {
            throw new UserException("the demo needs a scene model with its judge; " + model.resolve() + " was trained on "
                    + m.network().dataset());
        }
        float tau = temperature.value(m.defaultTemperature());
        Path dir = folder(sentences);
        clearOwnFiles(dir);
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<TextImageModel.Generation> all = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            TextImageModel.Generation g = m.generate(sentences.get(s), n, seed + s, tau, draws, SceneCommands.reading(asWritten));
            all.add(g);
            SceneCommands.warn(err, g, false);
            Path grid = dir.resolve("sentence-" + (s + 1) + ".png");
            SceneCommands.writePictures(g, grid);
            if (s > 0) {
                w.println();
            }
            SceneCommands.print(w, g, grid);
        }
        BufferedImage overview = overview(all);
        ImageGrid.writePng(overview, dir.resolve("demo-grid.png"));
        Path html = dir.resolve("report.html");
        DemoReport.write(new DemoReport.Run(m, model.resolve(), tau, draws, seed, asWritten, all), overview, html);
        w.printf("%nwrote %s and %s (%.1f s)%n", html, dir.resolve("demo-grid.png"), (System.nanoTime() - start) / 1e9);
        w.flush();
        return 0;
    }

    /**
     * The folder this run writes: --out when given; else out/demo for the showcase, and for sentences
     * of one's own a folder of their own beside it (out/demo-a-cloudy-desert), so that no run
     * overwrites another's report.
     */
    private Path folder(List<String> sentences) throws IOException {
        Path dir = out;
        if (outDefaulted() && texts != null && !texts.isEmpty()) {
            dir = out.resolveSibling("demo-" + slug(sentences.get(0)));
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserException(dir + " is a file; --out names the folder the demo writes");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException("cannot write in " + dir + " (" + e.getClass().getSimpleName() + "); choose another --out");
        }
        return dir;
    }

    private boolean outDefaulted() {
        return !spec.commandLine().getParseResult().hasMatchedOption("--out");
    }

    /** A folder name from a sentence: its first words in ASCII, or its hash for a sentence with none. */
    static String slug(String sentence) {
        String ascii = java.text.Normalizer.normalize(sentence, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "").toLowerCase(java.util.Locale.ROOT);
        if (ascii.length() > 40) {
            ascii = ascii.substring(0, 40).replaceAll("-[^-]*$", "");
        }
        return ascii.isEmpty() ? Integer.toHexString(sentence.hashCode()) : ascii;
    }

    /** Removes what an earlier demo wrote here (its report, grid and sentence pictures), and nothing else. */
    private static void clearOwnFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.equals("report.html") || name.equals("demo-grid.png") || name.matches("sentence-\\d+(-\\d+)?\\.png")) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * A grid row's label: its sentence (shortened to fit the row) and what the judge makes of its
     * pictures. A sentence the PNG's font cannot draw (Chinese, where no CJK font is installed) is
     * named by its number in the report instead of as a row of boxes.
     */
    static String rowLabel(int k, TextImageModel.Generation g, java.util.function.Predicate<String> drawable) {
        String text = g.text().strip().replaceAll("\\s+", " ");
        if (!drawable.test(text)) {
            return String.format("%d. (sentence %d of report.html): judged %s (p(positive) = %.2f)", k, k, g.sentiment().label(),
                    g.sentiment().probability());
        }
        if (text.length() > ROW_TEXT) {
            text = text.substring(0, ROW_TEXT - 1).strip() + "…";
        }
        return String.format("%d. \u201c%s\u201d: judged %s (p(positive) = %.2f)", k, text, g.sentiment().label(),
                g.sentiment().probability());
    }

    /** Characters of a sentence that fit a row of eight pictures beside the judged mood, at the grid's font. */
    static final int ROW_TEXT = 80;

    private BufferedImage overview(List<TextImageModel.Generation> all) {
        int n = all.get(0).images().size();
        int size = 3 * TextImageModel.SIDE * TextImageModel.SIDE;
        float[] px = new float[all.size() * n * size];
        String[] labels = new String[all.size()];
        for (int s = 0; s < all.size(); s++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(all.get(s).images().get(i).pixels(), 0, px, (s * n + i) * size, size);
            }
            labels[s] = rowLabel(s + 1, all.get(s), t -> ImageGrid.LABEL_FONT.canDisplayUpTo(t) < 0);
        }
        return ImageGrid.render(px, all.size() * n, 3, TextImageModel.SIDE, TextImageModel.SIDE, n, 3, labels);
    }
}
