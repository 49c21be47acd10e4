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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.api.TextImageModel;
import vaelab.model.CrossModalModel;
import vaelab.report.Charts;
import vaelab.report.HtmlReport;
import vaelab.report.ImageGrid;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

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

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/demo", description = "Where the pictures and report.html go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--n", defaultValue = "8", description = "Pictures per sentence (1–64; default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the pictures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TemperatureOption temperature = new TemperatureOption();

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
        TextImageModel m = model.load();
        if (!m.hasJudge()) {
            throw new UserException("the demo needs a scene model with its judge; " + model.resolve() + " was trained on "
                    + m.network().dataset());
        }
        float tau = temperature.value(m.defaultTemperature());
        Files.createDirectories(out);
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HtmlReport report = new HtmlReport("vaelab demo: from a sentence to pictures and back");
        String reading = asWritten ? "given to the model word for word and encoded"
                : "read through its keywords, as the scene they name in the words of the training captions (\"read as\" below),"
                + " and that is encoded";
        if (m.kind().equals("gaussian")) {
            report.paragraph("Model: " + model.resolve() + " — " + m.model().vae().describe() + ". Each sentence is " + reading
                    + " by the text expert q(z | t); " + n + " codes are drawn from it (temperature " + tau + "), each the best of " + draws
                    + " draws by how likely the model finds the sentence for the picture it decodes to, read back through the image"
                    + " expert; the judge (trained on real"
                    + " scenes only) reads each picture's sentiment; the image expert q(z | x) encodes each picture again and the"
                    + " text decoder writes its caption.");
        } else {
            report.paragraph("Model: " + model.resolve() + " — a discrete VAE over an 8×8 grid of codes with a transformer prior."
                    + " Each sentence is " + reading + " as the prior's first tokens; " + n + " grids of codes are drawn after it"
                    + " one code at a time (temperature " + tau + "), each the most likely of " + draws + " draws under the prior,"
                    + " and decoded; the judge (trained on real scenes only) reads each picture's sentiment; the encoder turns each"
                    + " picture back into codes and the prior writes its caption after them.");
        }
        List<TextImageModel.Generation> all = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            TextImageModel.Generation g = m.generate(sentences.get(s), n, seed + s, tau, draws, SceneCommands.reading(asWritten));
            all.add(g);
            SceneCommands.warn(err, g, false);
            Path grid = out.resolve("sentence-" + (s + 1) + ".png");
            SceneCommands.writePictures(g, grid);
            if (s > 0) {
                w.println();
            }
            SceneCommands.print(w, g, grid);
            section(report, m, g, grid, s + 1);
            if (s == 0 && !g.fromPrior() && draws > 1 && m.kind().equals("gaussian")) {
                candidates(report, m, g.readAs(), n, seed, tau, draws);
            }
        }
        BufferedImage overview = overview(all);
        ImageGrid.writePng(overview, out.resolve("demo-grid.png"));
        report.heading(2, "All sentences").image(overview, "one row of pictures per sentence");
        if (m.kind().equals("gaussian")) {
            curves(report, m.model());
        }
        Path html = out.resolve("report.html");
        report.write(html);
        w.printf("%nwrote %s and %s (%.1f s)%n", html, out.resolve("demo-grid.png"), (System.nanoTime() - start) / 1e9);
        w.flush();
        return 0;
    }

    private void section(HtmlReport r, TextImageModel m, TextImageModel.Generation g, Path grid, int k) throws IOException {
        r.heading(2, k + ". " + g.text());
        r.paragraph("Keywords: " + (g.keywords().isEmpty() ? "none" : String.join(", ", g.keywords()))
                + ". Unknown words: " + (g.unknownWords().isEmpty() ? "none" : String.join(", ", g.unknownWords()))
                + (g.readAs().equals(g.text()) ? "" : ". Read as: " + g.readAs())
                + (g.fromPrior() ? " (no word known: the pictures come from the prior)" : "")
                + (g.droppedTokens() > 0 ? ". Cut: the last " + g.droppedTokens() + " tokens" : "") + ".");
        r.paragraph(String.format("Sentiment of the text: %s (p(positive) = %.2f). Judged sentiment of the pictures: %s"
                + " (mean p(positive) = %.2f).", g.textSentiment().label(), g.textSentiment().probability(),
                g.sentiment().label(), g.sentiment().probability()));
        r.image(javax.imageio.ImageIO.read(grid.toFile()), "pictures generated from the sentence");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("#", "judged sentiment", "p(positive)", "caption written back", "judged sky / land / water / plants / animals"));
        for (int i = 0; i < g.images().size(); i++) {
            TextImageModel.Picture p = g.images().get(i);
            rows.add(List.of("" + (i + 1), p.sentiment().label(), String.format("%.2f", p.sentiment().probability()), p.caption(),
                    (p.judged().sky() + " / " + p.judged().land() + (p.judged().snow() ? " (snow)" : "") + " / " + p.judged().water()
                            + " / " + p.judged().plants() + " / " + p.judged().animals()).toLowerCase()));
        }
        r.table(rows);
        if (m.kind().equals("gaussian")) {
            double[] terms = m.model().textTerms(g.readAs());
            r.table(List.of(List.of("per-term loss of this sentence", "nats"),
                    List.of("−log p(text | z) at the mean of q(z | text)", String.format("%.2f", terms[0])),
                    List.of("KL(q(z | text) ‖ p(z))", String.format("%.2f", terms[1]))));
        }
    }

    /**
     * The candidates behind the sentence's first picture, drawn again from the same seed as
     * {@link TextImageModel#generate(String, int, long, float, int)} draws them, with the score that
     * chose among them.
     */
    private static void candidates(HtmlReport r, TextImageModel m, String text, int n, long seed, float tau, int draws) {
        CrossModalModel model = m.model();
        CrossModalModel.Candidates c = model.candidates(List.of(text), n, tau, draws, new Rng(seed));
        int size = 3 * TextImageModel.SIDE * TextImageModel.SIDE;
        float[] pixels = new float[draws * size];
        String[] labels = new String[draws];
        int chosen = c.chosen(0);
        for (int k = 0; k < draws; k++) {
            System.arraycopy(c.pictures()[k], 0, pixels, k * size, size);
            labels[k] = (k == chosen ? "best " : "") + String.format("%.1f", c.scores()[k][0]);
        }
        r.heading(3, "How picture 1 was chosen");
        r.paragraph("Picture 1 above is the best of these " + draws + " codes drawn from q(z | text). Each is decoded, the picture is"
                + " read back through the image expert (the mean of q(z | picture)) and the text decoder gives the sentence's"
                + " −log p(text | z) for that reading, in nats, under each picture. The lowest (marked best) wins: the picture in which the"
                + " model itself finds the most of the sentence. Draws that show less of the sentence score worse.");
        r.image(ImageGrid.renderCaptioned(pixels, draws, 3, TextImageModel.SIDE, TextImageModel.SIDE, Math.min(8, draws), 3, labels, 1),
                "the candidate pictures for picture 1 with their scores");
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

    private static void curves(HtmlReport r, CrossModalModel model) {
        float[][] h = model.history().get("vae");
        if (h == null || h.length == 0) {
            r.paragraph("The model file holds no training history.");
            return;
        }
        r.heading(2, "Training");
        float[] last = h[h.length - 1];
        r.table(List.of(List.of("test loss terms after epoch " + (int) last[0], "nats per example (summed over the three posteriors)"),
                List.of("−log p(image | z)", String.format("%.1f", last[6])),
                List.of("−log p(caption | z)", String.format("%.2f", last[7])),
                List.of("KL, joint + image + text posteriors", String.format("%.2f", last[8])),
                List.of("total (caption term weighted by " + model.vae().config().textWeight() + ")", String.format("%.1f", last[5]))));
        float cycle = model.vae().config().cycleWeight();
        if (cycle > 0) {
            r.paragraph(String.format("The image decoder also learned from the read-back term (weight %s): pictures drawn from"
                    + " captions were read back by the model's own image expert and scored by how much of the caption it found there."
                    + " A fine-tune (train --finetune-epochs, or a later train --init) continues the curves of the epochs before it,"
                    + " so the term may cover only the last epochs (the shipped model: epochs 81–84; see README.md).", cycle));
        }
        Map<String, List<double[]>> image = new LinkedHashMap<>();
        Map<String, List<double[]>> text = new LinkedHashMap<>();
        image.put("train −log p(image | z)", column(h, 2));
        image.put("test −log p(image | z)", column(h, 6));
        text.put("train −log p(caption | z)", column(h, 3));
        text.put("test −log p(caption | z)", column(h, 7));
        text.put("train KL", column(h, 4));
        text.put("test KL", column(h, 8));
        r.image(Charts.lines("Image reconstruction term", "epoch", "nats", image, 700, 320), "image term per epoch");
        r.image(Charts.lines("Caption term and KL", "epoch", "nats", text, 700, 320), "caption term and KL per epoch");
        float[][] j = model.history().get("judge");
        if (j != null && j.length > 0) {
            Map<String, List<double[]>> judge = new LinkedHashMap<>();
            judge.put("attributes", column(j, 2));
            judge.put("sentiment", column(j, 3));
            r.image(Charts.lines("Judge accuracy on real test scenes", "epoch", "accuracy", judge, 700, 320), "judge accuracy per epoch");
        }
    }

    private static List<double[]> column(float[][] rows, int c) {
        List<double[]> points = new ArrayList<>();
        for (float[] row : rows) {
            points.add(new double[] {row[0], row[c]});
        }
        return points;
    }
}
