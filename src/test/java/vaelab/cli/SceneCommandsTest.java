package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.testing.TinySceneModel;

class SceneCommandsTest {
    @TempDir
    static Path dir;
    static String model;

    @BeforeAll
    static void trainATinyModel() throws Exception {
        Path file = dir.resolve("scenes.vae");
        TinySceneModel.write(file);
        model = file.toString();
    }

    @Test
    void generateWritesPicturesAndStableJson() {
        Path out = dir.resolve("gen/meadow.png");
        MainTest.Run r = MainTest.run("generate", "--model", model, "--text", "a sunny meadow with flowers", "--out", out.toString(),
                "--n", "3", "--seed", "4", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // The tiny model's vocabulary comes from 48 scenes, so which words it knows varies; the keys do not.
        assertThat(r.out()).startsWith("{\"text\": \"a sunny meadow with flowers\", \"keywords\": [\"sunny\", \"meadow\", \"flowers\"], "
                + "\"unknown_words\": [").contains("\"truncated_tokens\": 0, \"from_prior\": false, \"finished_by_model\": false, \"text_sentiment\": {\"label\": "
                + "\"positive\", \"probability_positive\": 1.0}, \"sentiment\": {\"label\": ")
                .contains("\"caption\": ").contains("\"images\": [{\"file\": ").contains("\"judged\": {\"sky\": ")
                .endsWith("\"seed\": 4, \"temperature\": 0.7, \"guidance\": 1.0, \"candidates\": " + vaelab.api.TextImageModel.DEFAULT_CANDIDATES + "}" + System.lineSeparator());
        assertThat(out).exists();
        for (int i = 1; i <= 3; i++) {
            assertThat(out.resolveSibling("meadow-" + i + ".png")).exists();
        }
        // Same seed, same result.
        MainTest.Run again = MainTest.run("generate", "--model", model, "--text", "a sunny meadow with flowers", "--out",
                out.toString(), "--n", "3", "--seed", "4", "--json");
        assertThat(again.out()).isEqualTo(r.out());
    }

    @Test
    void theSceneTheKeywordsNameIsReadInTheCaptionsWordsAndSaidSo() {
        MainTest.Run j = MainTest.run("generate", "--model", model, "--text", "deer by a creek", "--out", dir.resolve("deer.png").toString(),
                "--n", "1", "--json");
        assertThat(j.code()).as(j.err()).isZero();
        assertThat(j.out()).contains("\"unknown_words\": [], \"read_as\": \"a scene with a clear river and a few animals\", ");
        assertThat(j.err()).isEmpty();
        MainTest.Run text = MainTest.run("generate", "--model", model, "--text", "deer by a creek", "--out", dir.resolve("deer.png").toString(),
                "--n", "1");
        assertThat(text.out()).contains("\nread as: a scene with a clear river and a few animals\n".replace("\n", System.lineSeparator()));
        MainTest.Run written = MainTest.run("generate", "--model", model, "--text", "deer by a creek", "--out", dir.resolve("deer.png").toString(),
                "--n", "1", "--json", "--as-written");
        assertThat(written.out()).contains("\"read_as\": \"deer by a creek\", ");
        assertThat(written.err()).contains("words not understood, ignored: deer").contains("creek");
        MainTest.Run same = MainTest.run("generate", "--model", model, "--text", "a scene with a clear river", "--out",
                dir.resolve("river.png").toString(), "--n", "1");
        assertThat(same.out()).doesNotContain("read as");
    }

    @Test
    void generatePrintsKeywordsSentimentAndCaptions() {
        MainTest.Run r = MainTest.run("generate", "--model", model, "--text", "这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物",
                "--out", dir.resolve("zh.png").toString(), "--n", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("keywords: 积极向上, 美丽, 山峰, 清澈 河流, 一群 野生动物").contains("text sentiment: positive")
                .contains("judged sentiment:").contains("1. ").contains("caption: ");
    }

    @Test
    void badTextIsExplained() {
        MainTest.Run empty = MainTest.run("generate", "--model", model, "--text", "  ", "--out", dir.resolve("e.png").toString());
        assertThat(empty.code()).isNotZero();
        assertThat(empty.err()).contains("--text is empty");

        MainTest.Run unknown = MainTest.run("generate", "--model", model, "--text", "qwerty asdfgh", "--out",
                dir.resolve("u.png").toString(), "--n", "1", "--json");
        assertThat(unknown.code()).as(unknown.err()).isZero();
        assertThat(unknown.err()).contains("no word of this text is known").contains("qwerty").contains("prior");
        assertThat(unknown.out()).contains("\"from_prior\": true").contains("\"unknown_words\": [\"qwerty\", \"asdfgh\"]")
                .contains("\"candidates\": 1}");

        String longText = "a sunny meadow with flowers and a clear lake ".repeat(40);
        MainTest.Run cut = MainTest.run("generate", "--model", model, "--text", longText, "--out", dir.resolve("l.png").toString(),
                "--n", "1", "--json");
        assertThat(cut.code()).as(cut.err()).isZero();
        assertThat(cut.err()).contains("tokens were cut");
        assertThat(cut.out()).containsPattern("\"truncated_tokens\": [1-9]");

        MainTest.Run hot = MainTest.run("generate", "--model", model, "--text", "a lake", "--temperature", "2");
        assertThat(hot.code()).isNotZero();
        assertThat(hot.err()).contains("--temperature must be in [0, 1]");

        MainTest.Run none = MainTest.run("generate", "--model", model, "--text", "a lake", "--candidates", "0");
        assertThat(none.code()).isNotZero();
        assertThat(none.err()).contains("--candidates must be between 1 and 64, got 0");

        MainTest.Run n = MainTest.run("generate", "--model", model, "--text", "a lake", "--n", "0");
        assertThat(n.code()).isNotZero();
        assertThat(n.err()).contains("--n must be between 1 and 256");
    }

    @Test
    void aMissingModelFileIsNamed() {
        MainTest.Run r = MainTest.run("generate", "--model", dir.resolve("nope.vae").toString(), "--text", "a lake");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("no model file at").contains("nope.vae");
        MainTest.Run wrong = MainTest.run("caption", "--model", dir.resolve("gen/meadow-1.png").toString(), "--image",
                dir.resolve("gen/meadow-1.png").toString());
        assertThat(wrong.code()).isNotZero();
    }

    @Test
    void captionAndSentimentOfPictures() throws Exception {
        Path picture = dir.resolve("pic.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
        MainTest.Run caption = MainTest.run("caption", "--model", model, "--image", picture.toString());
        assertThat(caption.code()).as(caption.err()).isZero();
        assertThat(caption.out().strip()).isNotEmpty();
        assertThat(caption.err()).isEmpty();

        MainTest.Run json = MainTest.run("caption", "--model", model, "--image", picture.toString(), "--json");
        assertThat(json.out()).startsWith("{\"image\": ").contains("\"caption\": ").contains("\"sentiment\": {\"label\": ");

        Path big = dir.resolve("big.jpg");
        ImageIO.write(new BufferedImage(120, 70, BufferedImage.TYPE_INT_RGB), "jpg", big.toFile());
        MainTest.Run resized = MainTest.run("sentiment", "--model", model, "--image", big.toString(), "--json");
        assertThat(resized.code()).as(resized.err()).isZero();
        assertThat(resized.err()).contains("120×70; resized to 32×32");
        assertThat(resized.out()).containsPattern("\"sentiment\": \\{\"label\": \"(positive|negative)\", \"probability_positive\": ");
    }

    /** The shipped model says when a picture is unlike the scenes it knows, in text and JSON, and not when it is one. */
    @Test
    void answersAboutAPictureSayWhetherTheModelKnowsItsKind() throws Exception {
        Path red = dir.resolve("red.png");
        BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        ImageIO.write(img, "png", red.toFile());
        MainTest.Run caption = MainTest.run("caption", "--image", red.toString());
        assertThat(caption.code()).as(caption.err()).isZero();
        assertThat(caption.out()).contains("unreliable: this picture is unlike the scenes the model learnt from, so this caption says"
                + " little about it").contains("rebuilds it with a mean squared error of");
        MainTest.Run json = MainTest.run("caption", "--image", red.toString(), "--json");
        assertThat(json.out()).startsWith("{\"image\": \"" + red + "\", \"within_known_scenes\": false, \"familiarity\": {\"rebuild_error\": {\"value\": ")
                .contains("\"warning\": \"this picture is unlike the scenes the model learnt from (");
        MainTest.Run sentiment = MainTest.run("sentiment", "--image", red.toString(), "--model", "data/models/scenes-discrete.vae");
        assertThat(sentiment.out()).contains("unreliable: this picture is unlike the scenes the model learnt from, so this sentiment");

        // a real scene, as the generator draws it, is one the model knows
        Path scene = dir.resolve("scene.png");
        vaelab.data.scenes.ScenesDataset d = vaelab.data.scenes.ScenesDataset.generate(vaelab.data.scenes.ScenesDataset.Split.TEST, 1);
        ImageIO.write(new vaelab.api.TextImageModel.Picture(d.image(0), null, null, "").toImage(1), "png", scene.toFile());
        for (String m : new String[] {"data/models/scenes.vae", "data/models/scenes-discrete.vae"}) {
            MainTest.Run known = MainTest.run("caption", "--image", scene.toString(), "--model", m, "--json");
            assertThat(known.out()).as(m).contains("\"within_known_scenes\": true").doesNotContain("warning");
            assertThat(MainTest.run("caption", "--image", scene.toString(), "--model", m).out()).doesNotContain("unreliable");
        }
    }

    @Test
    void generateSaysWhenTheDiscreteModelFinishedTheCaptionItself() {
        String discrete = "data/models/scenes-discrete.vae";
        MainTest.Run one = MainTest.run("generate", "--model", discrete, "--text", "roses", "--out", dir.resolve("roses.png").toString(),
                "--n", "2", "--candidates", "2");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("read as: a scene with flowers").contains("finished by the model: no caption it learnt from ends there");
        MainTest.Run json = MainTest.run("generate", "--model", discrete, "--text", "roses", "--out", dir.resolve("roses.png").toString(),
                "--n", "2", "--candidates", "2", "--json");
        assertThat(json.out()).contains("\"finished_by_model\": true");
        MainTest.Run two = MainTest.run("generate", "--model", discrete, "--text", "a sunny meadow with flowers", "--out",
                dir.resolve("meadow.png").toString(), "--n", "2", "--candidates", "2");
        assertThat(two.out()).doesNotContain("finished by the model");
    }

    @Test
    void calibrateStoresTheLimitsAndChangesNothingElse() throws Exception {
        vaelab.io.ModelFile shipped = vaelab.io.ModelFile.read(Path.of("data/models/scenes.vae"));
        Map<String, vaelab.tensor.Tensor> bare = new java.util.LinkedHashMap<>(shipped.tensors());
        bare.keySet().removeIf(k -> k.startsWith(vaelab.model.Familiarity.PREFIX));
        Path copy = dir.resolve("uncalibrated.vae");
        new vaelab.io.ModelFile(shipped.architecture(), shipped.hyperparameters(), shipped.vocabulary(), bare).write(copy);
        MainTest.Run r = MainTest.run("calibrate", "--model", copy.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("a familiar picture has rebuild_error ≤ ").contains("stored in the file");
        vaelab.io.ModelFile after = vaelab.io.ModelFile.read(copy);
        assertThat(after.tensors().keySet()).containsAll(bare.keySet());
        bare.forEach((k, v) -> assertThat(after.tensors().get(k).data()).as(k).containsExactly(v.data()));
        for (String k : shipped.tensorsUnder(vaelab.model.Familiarity.PREFIX).keySet()) {
            String name = vaelab.model.Familiarity.PREFIX + k;
            assertThat(after.tensors().get(name).data()).as(name).containsExactly(shipped.tensors().get(name).data());
        }
        MainTest.Run fashion = MainTest.run("calibrate", "--model", "data/models/fashion-vae.vae");
        assertThat(fashion.code()).isNotZero();
    }

    @Test
    void captionsComeInTheLanguageAskedAndABadLanguageIsOneLine() throws Exception {
        Path scene = dir.resolve("scene-lang.png");
        vaelab.data.scenes.ScenesDataset d = vaelab.data.scenes.ScenesDataset.generate(vaelab.data.scenes.ScenesDataset.Split.TEST, 3);
        ImageIO.write(new vaelab.api.TextImageModel.Picture(d.image(2), null, null, "").toImage(1), "png", scene.toFile());
        String zh = MainTest.run("caption", "--image", scene.toString(), "--lang", "zh").out().lines().findFirst().orElseThrow();
        assertThat(zh).isNotBlank().doesNotContainPattern("[A-Za-z]").containsPattern("\\p{IsHan}");
        String en = MainTest.run("caption", "--image", scene.toString(), "--lang", "en").out().lines().findFirst().orElseThrow();
        assertThat(en).containsPattern("[a-z]").doesNotContainPattern("\\p{IsHan}");
        MainTest.Run bad = MainTest.run("caption", "--image", scene.toString(), "--lang", "fr");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err().strip()).isEqualTo("vaelab: error: --lang must be en (English) or zh (Chinese), got 'fr'");
    }

    @Test
    void aCaptionThatContradictsTheJudgeIsNamedAndTheJudgeTrusted() {
        vaelab.api.TextImageModel.Picture p = new vaelab.api.TextImageModel.Picture(new float[3072],
                new vaelab.api.TextImageModel.Sentiment("positive", 0.9),
                new vaelab.api.TextImageModel.Attributes("sunny", "meadow", false, "none", "flowers", "none"), "");
        java.util.List<String[]> d = SceneCommands.disagreements(
                vaelab.data.scenes.SceneKeywords.extract("a bleak landscape with a herd of animals under a sunny sky"), p);
        assertThat(d).extracting(x -> String.join("/", x)).containsExactly("animals/group/none", "sentiment/negative/positive");
        assertThat(SceneCommands.disagreements(vaelab.data.scenes.SceneKeywords.extract("flowers on a sunny meadow"), p)).isEmpty();
    }

    @Test
    void evalMeasuresFalseAlarmsAndCaughtPictures() {
        MainTest.Run r = MainTest.run("eval", "--model", "data/models/scenes-discrete.vae", "--dataset", "scenes", "--unfamiliar",
                "--limit", "300", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> o = vaelab.testing.JsonReader.object(r.out());
        assertThat((Double) o.get("false_alarm_rate")).isLessThanOrEqualTo(0.02);
        assertThat((Double) o.get("caught_rate")).isGreaterThanOrEqualTo(0.9);
        assertThat(((Number) o.get("test_scenes")).intValue()).isEqualTo(300);
    }

    @Test
    void unreadableImagesAreErrors() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image", StandardCharsets.UTF_8);
        MainTest.Run r = MainTest.run("caption", "--model", model, "--image", text.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("is not an image");
        MainTest.Run missing = MainTest.run("sentiment", "--model", model, "--image", dir.resolve("none.png").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("no image file at");
    }

    @Test
    void sentimentOfText() {
        MainTest.Run gloomy = MainTest.run("sentiment", "--text", "a gloomy stormy night");
        assertThat(gloomy.code()).as(gloomy.err()).isZero();
        assertThat(gloomy.out()).contains("negative (p(positive) = 0.00)");
        MainTest.Run gloomyJson = MainTest.run("sentiment", "--text", "a gloomy stormy night", "--json");
        assertThat(gloomyJson.out()).contains("\"sentiment\": {\"label\": \"negative\", \"probability_positive\": 0.0")
                .doesNotContain("\"probability\":");
        MainTest.Run json = MainTest.run("sentiment", "--text", "a sunny meadow with flowers", "--json");
        assertThat(json.out()).contains("\"sentiment\": {\"label\": \"positive\", \"probability_positive\": 1.0}")
                .contains("\"basis\": \"the chance that a scene with what the text names is positive\"");
        MainTest.Run neither = MainTest.run("sentiment");
        assertThat(neither.code()).isNotZero();
        assertThat(neither.err()).contains("exactly one of --image FILE or --text TEXT");
    }

    @Test
    void evalScoresPicturesOfSentencesOfTheUsersOwn() throws Exception {
        Path file = dir.resolve("sentences.txt");
        Files.writeString(file, "# mine\n\na desert with no trees\n  wolves on a hill under the moon  \nqwerty\n", StandardCharsets.UTF_8);
        MainTest.Run r = MainTest.run("eval", "--model", model, "--sentences", file.toString(), "--n", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // Named per picture: land and (no) plants; sky, land and animals; nothing. Two pictures each.
        assertThat(r.out()).startsWith("{\"model\": \"crossmodal\", \"sentences_file\": ").contains("\"reading\": \"keywords\"")
                .contains("\"pictures_per_sentence\": 2, \"sentences\": 3, \"named_values\": 10, \"text_to_image_accuracy\": ")
                .contains("{\"text\": \"wolves on a hill under the moon\", \"read_as\": "
                        + "\"a scene with rolling hills and a few animals under a night sky\", \"named_values\": 6, \"accuracy\": ")
                .contains("{\"text\": \"qwerty\", \"read_as\": \"qwerty\", \"named_values\": 0, \"accuracy\": null")
                .contains("\"seed\": 1, \"temperature\": 0.7, \"guidance\": 1.0, \"candidates\": 16, \"seconds\": ");
        MainTest.Run again = MainTest.run("eval", "--model", model, "--sentences", file.toString(), "--n", "2", "--json");
        assertThat(again.out().replaceAll("\"seconds\": [0-9.E-]+", "")).isEqualTo(r.out().replaceAll("\"seconds\": [0-9.E-]+", ""));
        MainTest.Run written = MainTest.run("eval", "--model", model, "--sentences", file.toString(), "--n", "1", "--as-written");
        assertThat(written.code()).as(written.err()).isZero();
        assertThat(written.out()).contains("read as written").contains("named values found: ").doesNotContain("→");

        MainTest.Run missing = MainTest.run("eval", "--model", model, "--sentences", dir.resolve("none.txt").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("no sentences file at");
        Path comments = dir.resolve("comments.txt");
        Files.writeString(comments, "# only a comment\n\n", StandardCharsets.UTF_8);
        MainTest.Run empty = MainTest.run("eval", "--model", model, "--sentences", comments.toString());
        assertThat(empty.code()).isNotZero();
        assertThat(empty.err()).contains("holds no sentences");
        Path binary = dir.resolve("binary.txt");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThat(MainTest.run("eval", "--model", model, "--sentences", binary.toString()).err()).contains("is not UTF-8 text");
        MainTest.Run zero = MainTest.run("eval", "--model", model, "--sentences", file.toString(), "--n", "0");
        assertThat(zero.err()).contains("--n must be between 1 and 256");
    }

    /** --guidance moves the discrete model's pictures, is said in the JSON, and is refused in one line where it means nothing. */
    @Test
    void guidanceIsTheDiscreteModelsAndSaidWhereItIsRefused() {
        String discrete = "data/models/scenes-discrete.vae";
        java.util.function.Function<String, MainTest.Run> generate = g -> MainTest.run("generate", "--model", discrete, "--text",
                "a snowy mountain with a few animals", "--out", dir.resolve("guided-" + g + ".png").toString(), "--n", "1", "--candidates",
                "1", "--json", "--guidance", g);
        MainTest.Run plain = generate.apply("1");
        MainTest.Run guided = generate.apply("4");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(guided.code()).as(guided.err()).isZero();
        assertThat(plain.out()).contains("\"guidance\": 1.0, \"candidates\": 1}");
        assertThat(guided.out()).contains("\"guidance\": 4.0, \"candidates\": 1}");
        assertThat(fileBytes(dir.resolve("guided-4.png"))).isNotEqualTo(fileBytes(dir.resolve("guided-1.png")));
        MainTest.Run byDefault = MainTest.run("generate", "--model", discrete, "--text", "a lake", "--out",
                dir.resolve("guided-default.png").toString(), "--n", "1", "--candidates", "1", "--json");
        assertThat(byDefault.out()).contains("\"guidance\": " + (double) vaelab.model.DiscreteModel.DEFAULT_GUIDANCE + ",");

        MainTest.Run gaussian = MainTest.run("generate", "--model", model, "--text", "a lake", "--out", dir.resolve("g.png").toString(),
                "--guidance", "2");
        assertThat(gaussian.code()).isNotZero();
        assertThat(gaussian.err().strip()).contains("--guidance applies to the discrete model only").doesNotContain("\n")
                .doesNotContain("Exception");
        MainTest.Run negative = MainTest.run("eval", "--model", discrete, "--sentences", "data/sentences/held-out.txt", "--guidance", "-1");
        assertThat(negative.code()).isNotZero();
        assertThat(negative.err()).contains("--guidance must be in [0, 100], got -1.0");
    }

    private static byte[] fileBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSentenceOfOnesOwnGetsAFolderNamedAfterIt() {
        assertThat(DemoCommand.slug("A cloudy desert, with a muddy lake!")).isEqualTo("a-cloudy-desert-with-a-muddy-lake");
        assertThat(DemoCommand.slug("a very long sentence about mountains rivers forests and deserts")).hasSizeLessThanOrEqualTo(40)
                .isEqualTo("a-very-long-sentence-about-mountains");
        assertThat(DemoCommand.slug("雪山和湖泊")).matches("[0-9a-f]+");
        assertThat(DemoCommand.slug("Café près du lac")).isEqualTo("cafe-pres-du-lac");
    }

    @Test
    void demoWritesASelfContainedReport() throws Exception {
        Path out = dir.resolve("demo");
        MainTest.Run r = MainTest.run("demo", "--model", model, "--out", out.toString(), "--n", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("这是一个积极向上的场景").contains("a gloomy scene with a stormy night")
                .contains("keywords: gloomy, stormy, bare trees, muddy river").contains("wrote ");
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("这是一个积极向上的场景").contains("data:image/png;base64,").contains("Training")
                .contains("KL(q(z | text) ‖ p(z))").doesNotContain("src=\"http").doesNotContain("read-back term")
                .contains("How picture 1 was chosen").contains("best of these " + vaelab.api.TextImageModel.DEFAULT_CANDIDATES + " codes");
        assertThat(out.resolve("demo-grid.png")).exists();
        assertThat(out.resolve("sentence-4.png")).exists();
        // for people first: each sentence, its pictures, their mood in words and the captions; the technical part folded after
        int firstSentence = html.indexOf("<h2>1. \u201c这是一个积极向上的场景");
        int students = html.indexOf("<details><summary>For students: what happened inside</summary>");
        assertThat(firstSentence).isPositive();
        assertThat(students).isGreaterThan(html.indexOf("<h2>4. "));
        assertThat(html.substring(0, students)).contains("The pictures feel ").contains("What the model writes of each picture")
                .contains("<ol>").doesNotContain("nats").doesNotContain("q(z | text)");
        assertThat(html.substring(students)).contains("−log p(text | z)").contains("<a href=\"").contains("VAE.md");
        Files.writeString(out.resolve("notes.txt"), "mine");

        MainTest.Run own = MainTest.run("demo", "--model", model, "--out", out.toString(), "--n", "1", "--text", "a cloudy desert");
        assertThat(own.code()).as(own.err()).isZero();
        // the earlier run's pictures are gone, the user's own file is not
        assertThat(out.resolve("sentence-4.png")).doesNotExist();
        assertThat(out.resolve("sentence-1.png")).exists();
        assertThat(out.resolve("notes.txt")).exists();
        assertThat(own.out()).contains("keywords: cloudy, desert");
        assertThat(own.out()).contains("read as: a scene with a desert under a cloudy sky");
        assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8))
                .contains("Read as: a scene with a desert under a cloudy sky").contains("read through its keywords");
        MainTest.Run written = MainTest.run("demo", "--model", model, "--out", out.toString(), "--n", "1", "--text", "a cloudy desert",
                "--as-written");
        assertThat(written.out()).doesNotContain("read as");
        assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)).contains("given to the model word for word");
        MainTest.Run single = MainTest.run("demo", "--model", model, "--out", out.toString(), "--n", "1", "--candidates", "1");
        assertThat(single.code()).as(single.err()).isZero();
        assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)).doesNotContain("How picture 1 was chosen");
    }

    @Test
    void aPictureThatDeclaresTooManyPixelsIsRefusedInOneLineBeforeDecoding() throws Exception {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, vaelab.data.ImageFilesTestAccess.pngDeclaring(20_000, 20_000));
        for (String command : new String[] {"caption", "sentiment"}) {
            MainTest.Run r = MainTest.run(command, "--model", model, "--image", bomb.toString());
            assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(r.err().strip()).isEqualTo("vaelab: error: " + bomb + ": the picture declares 20000×20000 pixels (400.0 megapixels),"
                    + " more than the 40 megapixels this reads");
        }
        // In a folder data set the row is named and, with --skip-bad, left out.
        Path folder = dir.resolve("bombs");
        Files.createDirectories(folder);
        Files.copy(bomb, folder.resolve("bomb.png"));
        Files.writeString(folder.resolve("captions.tsv"), "file\tcaption\nbomb.png\ta sunny meadow\n");
        MainTest.Run preview = MainTest.run("dataset", "preview", "--dataset", "folder:" + folder, "--out", dir.resolve("p.png").toString());
        assertThat(preview.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(preview.err()).contains("bomb.png: the picture declares 20000×20000 pixels");
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeAnyWorkAndTheFormatFollowsTheName() throws Exception {
        Path folder = dir.resolve("out-folder");
        Files.createDirectories(folder);
        MainTest.Run r = MainTest.run("generate", "--model", model, "--text", "a sunny meadow", "--out", folder.toString(), "--n", "1");
        assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err().strip()).isEqualTo("vaelab: error: " + folder + ": the picture's name must end in .png, .jpg or .jpeg"
                + " (the format follows it)");
        Path dirPng = dir.resolve("looks-like.png");
        Files.createDirectories(dirPng);
        r = MainTest.run("generate", "--model", model, "--text", "a sunny meadow", "--out", dirPng.toString(), "--n", "1");
        assertThat(r.err().strip()).isEqualTo("vaelab: error: " + dirPng + " is a folder; name a picture file, e.g. "
                + dirPng.resolve("pictures.png"));
        assertThat(dir.resolve("looks-like-1.png")).doesNotExist();
        r = MainTest.run("generate", "--model", model, "--text", "a sunny meadow", "--out", "/proc/x.png", "--n", "1");
        assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("vaelab: error: cannot write in /proc");
        r = MainTest.run("generate", "--model", model, "--text", "a sunny meadow", "--out", dir.resolve("x.gif").toString(), "--n", "1");
        assertThat(r.err()).contains("must end in .png, .jpg or .jpeg");
        Path jpeg = dir.resolve("jpeg/meadow.jpg");
        r = MainTest.run("generate", "--model", model, "--text", "a sunny meadow", "--out", jpeg.toString(), "--n", "2");
        assertThat(r.code()).as(r.err()).isZero();
        for (Path f : new Path[] {jpeg, jpeg.resolveSibling("meadow-1.jpg"), jpeg.resolveSibling("meadow-2.jpg")}) {
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(f), 2);
            assertThat(head).as(f.toString()).containsExactly((byte) 0xFF, (byte) 0xD8); // a JPEG, not PNG bytes under a .jpg name
        }
        assertThat(jpeg.resolveSibling("meadow.jpg-1.png")).doesNotExist();
    }

    @Test
    void aVeryLongTextIsNotEchoedBackWhole() {
        String text = "a sunny meadow with flowers " + "and more ".repeat(11_000);
        MainTest.Run r = MainTest.run("generate", "--model", model, "--text", text, "--out", dir.resolve("long.png").toString(), "--n", "1");
        assertThat(r.code()).as(r.err()).isZero();
        String first = r.out().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("text: a sunny meadow with flowers and more").endsWith(" more characters)");
        assertThat(first.length()).isLessThan(260);
        assertThat(SceneCommands.shown("short")).isEqualTo("short");
    }

    @Test
    void ignoredWordsAreSaidOnceInTextOutputAndOnStderrBesideJson() {
        String[] base = {"generate", "--model", model, "--text", "wolves near a xyzzy lake", "--out", dir.resolve("once.png").toString(),
            "--n", "1"};
        MainTest.Run text = MainTest.run(base);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("unknown words: ").contains("xyzzy");
        assertThat(text.err()).doesNotContain("xyzzy");
        String[] json = java.util.Arrays.copyOf(base, base.length + 1);
        json[base.length] = "--json";
        MainTest.Run j = MainTest.run(json);
        assertThat(j.err()).contains("words not understood, ignored: ").contains("xyzzy");
    }

    @Test
    void textSentimentReadsDenialsAndSaysWhenItUnderstoodNothing() {
        String[][] cases = {{"not beautiful at all", "negative"}, {"不美", "negative"}, {"这里不美", "negative"}, {"这里很美", "positive"},
            {"the weather is terrible", "negative"}, {"a pretty valley", "positive"}, {"never gloomy", "positive"}};
        for (String[] c : cases) {
            MainTest.Run r = MainTest.run("sentiment", "--text", c[0]);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).as(c[0]).startsWith(c[1] + " (p(positive) = ");
        }
        MainTest.Run nothing = MainTest.run("sentiment", "--text", "nothing");
        assertThat(nothing.out()).contains("nothing in the text was understood, so this is an even chance (unknown words: nothing)");
        MainTest.Run scene = MainTest.run("sentiment", "--text", "a desert with a muddy river");
        assertThat(scene.out()).contains("no mood word: this is the chance that a scene with desert, muddy river is positive");
    }
}
