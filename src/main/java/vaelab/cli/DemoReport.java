package vaelab.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.api.TextImageModel;
import vaelab.model.CrossModalModel;
import vaelab.model.History;
import vaelab.report.Charts;
import vaelab.report.HtmlReport;
import vaelab.report.ImageGrid;
import vaelab.tensor.Rng;

/**
 * The demo's HTML page, written for people first: each sentence, what it was read as, its pictures
 * large, their mood in words and the captions written back. What happened inside (the model, the
 * sampling, the loss terms, the training curves) follows in a folded section for students, each term
 * explained in a line with a link to the page of docs that derives it.
 */
final class DemoReport {
    /** What the demo drew: the model, how it drew, and each sentence's generation. */
    record Run(TextImageModel model, Path modelFile, float temperature, int candidates, long seed, boolean asWritten,
               List<TextImageModel.Generation> generations) {
    }

    private DemoReport() {
    }

    static void write(Run run, BufferedImage overview, Path html) throws IOException {
        HtmlReport r = new HtmlReport("From a sentence to pictures and back");
        TextImageModel m = run.model();
        int n = run.generations().get(0).images().size();
        r.paragraph("vaelab read each sentence below, drew " + n + " pictures of it with "
                + (m.kind().equals("gaussian") ? "its Gaussian scene model" : "its discrete-code scene model")
                + ", judged how each picture feels, and wrote a caption of each picture back. The scenes are small generated"
                + " landscapes (32×32 pixels, shown enlarged): a sky, a land, maybe water, plants and animals.");
        for (int k = 0; k < run.generations().size(); k++) {
            TextImageModel.Generation g = run.generations().get(k);
            r.heading(2, (k + 1) + ". \u201c" + g.text() + "\u201d");
            StringBuilder read = new StringBuilder();
            if (!g.readAs().equals(g.text())) {
                read.append("Read as: ").append(g.readAs()).append(". ");
            } else if (run.asWritten()) {
                read.append("Given to the model word for word. ");
            }
            if (!g.unknownWords().isEmpty()) {
                read.append("Words not understood, left out: ").append(String.join(", ", g.unknownWords())).append(". ");
            }
            if (g.fromPrior()) {
                read.append("No word was understood, so these are scenes of any kind. ");
            }
            if (read.length() > 0) {
                r.paragraph(read.toString().strip());
            }
            r.image(pictures(g), "the pictures drawn from the sentence");
            long positive = g.images().stream().filter(p -> p.sentiment().probability() > 0.5).count();
            r.paragraph(String.format("The pictures feel %s: %d of %d are judged positive. The sentence itself reads %s.",
                    g.sentiment().label(), positive, g.images().size(), g.textSentiment().label()));
            List<String> captions = new ArrayList<>();
            for (TextImageModel.Picture p : g.images()) {
                captions.add(p.caption());
            }
            r.paragraph("What the model writes of each picture, left to right:");
            r.numbered(captions);
        }
        r.heading(2, "All sentences").image(overview, "one row of pictures per sentence");
        students(r, run, html);
        r.write(html);
    }

    private static BufferedImage pictures(TextImageModel.Generation g) {
        int size = 3 * TextImageModel.SIDE * TextImageModel.SIDE;
        float[] px = new float[g.images().size() * size];
        for (int i = 0; i < g.images().size(); i++) {
            System.arraycopy(g.images().get(i).pixels(), 0, px, i * size, size);
        }
        return ImageGrid.render(px, g.images().size(), 3, TextImageModel.SIDE, TextImageModel.SIDE, Math.min(8, g.images().size()), 4,
                null);
    }

    /** Where the docs are, as seen from the report, for links that open from the file. */
    private static String docs(Path html, String page) {
        Path dir = Path.of(System.getProperty("vaelab.home", ".")).toAbsolutePath().resolve("docs");
        Path from = html.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir) || from == null) {
            return "docs/" + page;
        }
        return from.relativize(dir.resolve(page)).toString().replace('\\', '/');
    }

    private static void students(HtmlReport r, Run run, Path html) {
        TextImageModel m = run.model();
        boolean gaussian = m.kind().equals("gaussian");
        r.folded("For students: what happened inside");
        String reading = run.asWritten() ? "given to the model word for word and encoded"
                : "read through its keywords, as the scene they name in the words of the training captions (\"read as\" above),"
                + " and that is encoded";
        if (gaussian) {
            r.paragraph("Model: " + run.modelFile() + " — " + m.model().vae().describe() + ". Each sentence is " + reading
                    + " by the text expert q(z | t); codes are drawn from it (temperature " + run.temperature() + "), each the best of "
                    + run.candidates() + " draws by how likely the model finds the sentence for the picture it decodes to, read back"
                    + " through the image expert; the judge (trained on real scenes only) reads each picture's sentiment; the image"
                    + " expert q(z | x) encodes each picture again and the text decoder writes its caption.");
        } else {
            r.paragraph("Model: " + run.modelFile() + " — a discrete VAE over an 8×8 grid of codes with a transformer prior."
                    + " Each sentence is " + reading + " as the prior's first tokens; grids of codes are drawn after it one code at"
                    + " a time (temperature " + run.temperature() + ", guidance " + m.guidance() + "), each the best of "
                    + run.candidates() + " draws by how likely"
                    + " the prior reads the sentence back from it, and decoded; the judge (trained on real scenes only) reads each"
                    + " picture's sentiment; the encoder turns each picture back into codes and the prior writes its caption after"
                    + " them.");
        }
        String vae = docs(html, "VAE.md");
        String crossmodal = docs(html, "CROSSMODAL.md");
        String discrete = docs(html, "DISCRETE.md");
        r.heading(3, "The terms, in a line each");
        if (gaussian) {
            r.paragraph("q(z | text): the Gaussian over 64-dimensional codes that the text expert gives a sentence; a picture is"
                    + " decoded from a code drawn from it.", "CROSSMODAL.md, experts and their product", crossmodal + "#experts-and-their-product");
            r.paragraph("−log p(text | z): how many nats the text decoder needs to write the sentence back from the code; lower"
                    + " means the code says more of the sentence.", "VAE.md", vae);
            r.paragraph("KL(q(z | text) ‖ p(z)): how far the sentence's codes lie from the prior N(0, I), the price of what the"
                    + " code carries.", "VAE.md", vae);
        } else {
            r.paragraph("Codes: each picture is an 8×8 grid of entries from a learned codebook; the prior, a transformer, draws"
                    + " them one at a time after the sentence's tokens.", "DISCRETE.md", discrete);
            r.paragraph("Guidance " + m.guidance() + ": each code is drawn from the prior's logits without the sentence plus "
                    + m.guidance() + " times what the sentence changes in them; above 1 the pictures show more of what is named,"
                    + " at less variety.", "DISCRETE.md, guidance", discrete + "#guidance");
        }
        r.paragraph("Temperature " + run.temperature() + ": how boldly codes are drawn; lower keeps to the likeliest, with less"
                + " variety.", "CROSSMODAL.md, drawing from text", crossmodal + "#drawing-from-text-the-best-of-16");
        r.paragraph("The judge: a CNN trained on rendered scenes only, never on generated pictures, that reads sky, land, water,"
                + " plants, animals and mood off any picture.", "CROSSMODAL.md, the scene judge",
                crossmodal + "#judging-pictures-honestly-the-scene-judge");
        for (int k = 0; k < run.generations().size(); k++) {
            TextImageModel.Generation g = run.generations().get(k);
            r.heading(3, "Sentence " + (k + 1));
            r.paragraph("Keywords: " + (g.keywords().isEmpty() ? "none" : String.join(", ", g.keywords()))
                    + (g.droppedTokens() > 0 ? ". Cut: the last " + g.droppedTokens() + " tokens" : "") + String.format(
                    ". Sentiment of the text: p(positive) = %.2f; mean judged p(positive) of the pictures: %.2f.",
                    g.textSentiment().probability(), g.sentiment().probability()));
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("#", "judged sentiment", "p(positive)", "judged sky / land / water / plants / animals"));
            for (int i = 0; i < g.images().size(); i++) {
                TextImageModel.Picture p = g.images().get(i);
                rows.add(List.of("" + (i + 1), p.sentiment().label(), String.format("%.2f", p.sentiment().probability()),
                        (p.judged().sky() + " / " + p.judged().land() + (p.judged().snow() ? " (snow)" : "") + " / " + p.judged().water()
                                + " / " + p.judged().plants() + " / " + p.judged().animals()).toLowerCase()));
            }
            r.table(rows);
            if (gaussian) {
                double[] terms = m.model().textTerms(g.readAs());
                r.table(List.of(List.of("per-term loss of this sentence", "nats"),
                        List.of("−log p(text | z) at the mean of q(z | text)", String.format("%.2f", terms[0])),
                        List.of("KL(q(z | text) ‖ p(z))", String.format("%.2f", terms[1]))));
                if (k == 0 && !g.fromPrior() && run.candidates() > 1) {
                    candidates(r, m, g.readAs(), g.images().size(), run.seed(), run.temperature(), run.candidates());
                }
            }
        }
        if (gaussian) {
            curves(r, m.model());
        }
        r.endFolded();
    }

    /**
     * The candidates behind the first sentence's first picture, drawn again from the same seed as
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
        r.paragraph("Picture 1 of sentence 1 is the best of these " + draws + " codes drawn from q(z | text). Each is decoded, the"
                + " picture is read back through the image expert (the mean of q(z | picture)) and the text decoder gives the"
                + " sentence's −log p(text | z) for that reading, in nats, under each picture. The lowest (marked best) wins: the"
                + " picture in which the model itself finds the most of the sentence.");
        r.image(ImageGrid.renderCaptioned(pixels, draws, 3, TextImageModel.SIDE, TextImageModel.SIDE, Math.min(8, draws), 3, labels, 1),
                "the candidate pictures for picture 1 with their scores");
    }

    private static void curves(HtmlReport r, CrossModalModel model) {
        History h = model.history().get("vae");
        if (h == null || h.size() == 0) {
            r.paragraph("The model file holds no training history.");
            return;
        }
        r.heading(3, "Training");
        Map<String, Double> last = h.row(h.size() - 1);
        r.table(List.of(List.of("test loss terms after epoch " + h.lastEpoch(), "nats per example (summed over the three posteriors)"),
                List.of("−log p(image | z)", String.format("%.1f", last.get("test_image_nll"))),
                List.of("−log p(caption | z)", String.format("%.2f", last.get("test_text_nll"))),
                List.of("KL, joint + image + text posteriors", String.format("%.2f", last.get("test_kl"))),
                List.of("total (caption term weighted by " + model.vae().weights().text() + ")", String.format("%.1f", last.get("test_loss")))));
        float cycle = model.vae().weights().cycle();
        if (cycle > 0) {
            r.paragraph(String.format("The image decoder also learned from the read-back term (weight %s): pictures drawn from"
                    + " captions were read back by the model's own image expert and scored by how much of the caption it found there."
                    + " A fine-tune (train --finetune-epochs, or a later train --init) continues the curves of the epochs before it,"
                    + " so the term may cover only the last epochs (the shipped model: epochs 81–84; see docs/RESULTS.md).", cycle));
        }
        Map<String, List<double[]>> image = new LinkedHashMap<>();
        Map<String, List<double[]>> text = new LinkedHashMap<>();
        image.put("train −log p(image | z)", column(h, "train_image_nll"));
        image.put("test −log p(image | z)", column(h, "test_image_nll"));
        text.put("train −log p(caption | z)", column(h, "train_text_nll"));
        text.put("test −log p(caption | z)", column(h, "test_text_nll"));
        text.put("train KL", column(h, "train_kl"));
        text.put("test KL", column(h, "test_kl"));
        r.image(Charts.lines("Image reconstruction term", "epoch", "nats", image, 700, 320), "image term per epoch");
        r.image(Charts.lines("Caption term and KL", "epoch", "nats", text, 700, 320), "caption term and KL per epoch");
        History j = model.history().get("judge");
        if (j != null && j.size() > 0) {
            Map<String, List<double[]>> judge = new LinkedHashMap<>();
            judge.put("attributes", column(j, "test_attribute_accuracy"));
            judge.put("sentiment", column(j, "test_sentiment_accuracy"));
            r.image(Charts.lines("Judge accuracy on real test scenes", "epoch", "accuracy", judge, 700, 320), "judge accuracy per epoch");
        }
    }

    private static List<double[]> column(History h, String name) {
        double[] epochs = h.column("epoch");
        double[] values = h.column(name);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            points.add(new double[] {epochs[i], values[i]});
        }
        return points;
    }
}
