package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discrete-code model through the command line: trained, resumed, and served by the same commands as the Gaussian one. */
class DiscreteCommandsTest {
    @TempDir
    static Path dir;
    static String model;

    static final String[] TINY = {"--dataset", "scenes", "--limit", "32", "--dvae-epochs", "1", "--batch-size", "16", "--codes", "16",
        "--prior-width", "8", "--prior-layers", "1", "--prior-heads", "2", "--warmup-steps", "2"};

    static MainTest.Run train(Path out, String... more) {
        String[] args = new String[4 + TINY.length + more.length];
        args[0] = "train";
        args[1] = "--model";
        args[2] = "discrete";
        args[3] = "--out=" + out;
        System.arraycopy(TINY, 0, args, 4, TINY.length);
        System.arraycopy(more, 0, args, 4 + TINY.length, more.length);
        return MainTest.run(args);
    }

    @BeforeAll
    static void trainATinyModel() {
        Path file = dir.resolve("discrete.vae");
        MainTest.Run r = train(file, "--epochs", "1");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("the discrete VAE: epochs 1–1").contains("the prior: epochs 1–1").contains("saved " + file)
                .contains(file + ": a familiar picture has rebuild_error ≤ ");
        model = file.toString();
    }

    /** A trained scene model keeps its familiarity calibration, so that its first caption need not measure it. */
    @Test
    void theTrainedFileCarriesItsFamiliarityCalibration() throws Exception {
        assertThat(vaelab.io.ModelFile.read(Path.of(model)).tensors()).containsKeys("familiarity.limits", "familiarity.mean",
                "familiarity.precision");
    }

    @Test
    void generateCaptionAndSentimentServeTheDiscreteModelAsTheyServeTheGaussianOne() {
        Path out = dir.resolve("gen/meadow.png");
        MainTest.Run g = MainTest.run("generate", "--model", model, "--text", "a sunny meadow with flowers", "--out", out.toString(),
                "--n", "2", "--candidates", "3", "--json");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("\"read_as\": \"a scene with a meadow and flowers under a sunny sky\"")
                .contains("\"judged\": {\"sky\": ").endsWith("\"temperature\": 1.0, \"guidance\": " + (double) vaelab.model.DiscreteModel.DEFAULT_GUIDANCE
                        + ", \"candidates\": 3}" + System.lineSeparator());
        assertThat(MainTest.run("generate", "--model", model, "--text", "a sunny meadow with flowers", "--out", out.toString(),
                "--n", "2", "--candidates", "3", "--json").out()).isEqualTo(g.out());
        MainTest.Run c = MainTest.run("caption", "--model", model, "--image", out.resolveSibling("meadow-1.png").toString());
        assertThat(c.code()).as(c.err()).isZero();
        MainTest.Run s = MainTest.run("sentiment", "--model", model, "--image", out.resolveSibling("meadow-1.png").toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).containsPattern("(positive|negative)");
    }

    @Test
    void theDemoServesTheDiscreteModel() {
        Path out = dir.resolve("demo");
        MainTest.Run r = MainTest.run("demo", "--model", model, "--out", out.toString(), "--n", "2", "--candidates", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("demo-grid.png")).exists();
    }

    @Test
    void evalGivesTheDiscreteModelTheGaussianModelsKeysAndItsCodebook() throws Exception {
        MainTest.Run d = MainTest.run("eval", "--model", model, "--dataset", "scenes", "--limit", "20", "--candidates", "1", "--json");
        assertThat(d.code()).as(d.err()).isZero();
        Path gaussian = dir.resolve("gaussian.vae");
        vaelab.testing.TinySceneModel.write(gaussian);
        MainTest.Run g = MainTest.run("eval", "--model", gaussian.toString(), "--dataset", "scenes", "--limit", "20", "--candidates", "1",
                "--json");
        assertThat(g.code()).as(g.err()).isZero();
        Map<String, Object> dm = keys(d.out());
        Map<String, Object> gm = keys(g.out());
        assertThat(dm.keySet()).isEqualTo(gm.keySet());
        assertThat(dm.get("model")).isEqualTo("discrete");
        assertThat(((Number) dm.get("codes_used")).intValue()).isBetween(1, 16);
        assertThat(gm.get("codes_used")).isNull();
        for (String k : new String[] {"strict_text_to_image_accuracy", "text_to_image_accuracy", "reconstruction_accuracy"}) {
            assertThat(((Number) dm.get(k)).doubleValue()).as(k).isBetween(0.0, 1.0);
        }
        assertThat(((Number) dm.get("strict_text_to_image_accuracy")).doubleValue())
                .isLessThanOrEqualTo(((Number) dm.get("text_to_image_accuracy")).doubleValue());
        assertThat(((Number) dm.get("frechet_judge_distance_floor")).doubleValue()).isPositive();
    }

    @Test
    void aStoppedRunResumesAndAnArchitectureThatDiffersIsRefused() {
        Path file = dir.resolve("resumed.vae");
        assertThat(train(file, "--epochs", "1").code()).isZero();
        MainTest.Run more = train(file, "--epochs", "2", "--resume");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("resuming").contains("the prior: epochs 2–2").doesNotContain("the discrete VAE: epochs");
        MainTest.Run other = train(file, "--epochs", "3", "--resume", "--prior-dropout", "0.3");
        assertThat(other.code()).isNotZero();
        assertThat(other.err()).contains("another architecture");
        MainTest.Run none = train(dir.resolve("never.vae"), "--resume");
        assertThat(none.err()).contains("--resume: no checkpoint at");
        MainTest.Run bad = MainTest.run("train", "--model", "discrete", "--dataset", "scenes", "--prior-heads", "3", "--out",
                dir.resolve("bad.vae").toString());
        assertThat(bad.err()).contains("--prior-heads must divide --prior-width (128)");
        MainTest.Run fashion = MainTest.run("train", "--model", "discrete", "--dataset", "fashion-mnist", "--out", dir.resolve("f.vae").toString());
        assertThat(fashion.err()).contains("--model discrete trains on --dataset scenes");
    }

    private static Map<String, Object> keys(String json) {
        return vaelab.testing.JsonReader.object(json);
    }

    /** reconstruct, given a scene model, shows test scenes above what the model rebuilds of them; --dvae-depth trains two codes per cell. */
    @Test
    void reconstructShowsTestScenesAndTheirRebuildingAndTwoCodesPerCellTrain() throws Exception {
        Path two = dir.resolve("two.vae");
        MainTest.Run t = train(two, "--epochs", "1", "--dvae-depth", "2");
        assertThat(t.code()).as(t.err() + t.out()).isZero();
        assertThat(vaelab.model.DiscreteModel.read(two).vae().config().depth()).isEqualTo(2);
        for (String m : new String[] {model, two.toString()}) {
            Path png = dir.resolve(java.nio.file.Path.of(m).getFileName() + "-recon.png");
            MainTest.Run r = MainTest.run("reconstruct", "--model", m, "--n", "5", "--out", png.toString());
            assertThat(r.code()).as(r.err()).isZero();
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(5 * (32 * 3 + 2) + 2);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(2 * (32 * 3 + 2));
        }
        MainTest.Run tooMany = MainTest.run("reconstruct", "--model", model, "--n", "5000", "--out", dir.resolve("big.png").toString());
        assertThat(tooMany.err().strip()).isEqualTo("vaelab: error: the picture would be 1568×61250 pixels, more than 16384 on a side;"
                + " lower --n or --scale");
        MainTest.Run bad = train(dir.resolve("bad.vae"), "--epochs", "1", "--dvae-depth", "9");
        assertThat(bad.err()).contains("--dvae-depth must be between 1 and 8");
    }
}
