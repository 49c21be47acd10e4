package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.testing.IdxFixtures;

class VaeCommandsTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void trainATinyVae() throws Exception {
        IdxFixtures.writeFakeFashionMnist(dir, "train", 64);
        IdxFixtures.writeFakeFashionMnist(dir, "t10k", 24);
        model = dir.resolve("vae.vae");
        MainTest.Run r = MainTest.run("train", "--model", "vae-mlp", "--data-dir", dir.toString(), "--epochs", "1",
                "--batch-size", "32", "--latent", "4", "--out", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("MlpVae(784 → 400 → 4, bernoulli)").contains("epoch 1 done").contains("saved " + model)
                .contains("training curves");
    }

    static BufferedImage png(Path p) throws Exception {
        assertThat(Files.exists(p)).as(p.toString()).isTrue();
        return ImageIO.read(p.toFile());
    }

    @Test
    void evalPrintsTheVaeMeasuresAsJson() {
        MainTest.Run r = MainTest.run("eval", "--model", model.toString(), "--data-dir", dir.toString(), "--json",
                "--iwae-samples", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"model\": \"vae-mlp\"").contains("\"neg_elbo\": ").contains("\"recon\": ")
                .contains("\"kl\": ").contains("\"iwae_nll\": ").contains("\"active_units\": ").contains("\"kl_per_dim\": [");
        MainTest.Run table = MainTest.run("eval", "--model", model.toString(), "--data-dir", dir.toString(), "--iwae-samples", "0");
        assertThat(table.out()).contains("-ELBO").contains("active units:").doesNotContain("importance");
    }

    @Test
    void resumeContinuesAndRefusesAFinishedRun() {
        MainTest.Run other = MainTest.run("train", "--model", "vae-mlp", "--data-dir", dir.toString(), "--epochs", "2",
                "--out", model.toString(), "--resume", "--latent", "5");
        assertThat(other.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(other.err()).contains("--resume keeps the architecture of " + model + ".checkpoint, not --latent 5 (the file has 4)");
        MainTest.Run more = MainTest.run("train", "--model", "vae-mlp", "--data-dir", dir.toString(), "--epochs", "2",
                "--batch-size", "32", "--out", model.toString(), "--resume");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("resuming vae-mlp from " + model + ".checkpoint after epoch 1 of 2").contains("epoch 2 done");
        MainTest.Run again = MainTest.run("train", "--model", "vae-mlp", "--data-dir", dir.toString(), "--epochs", "2",
                "--out", model.toString(), "--resume");
        assertThat(again.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(again.err()).contains("already done 2 epochs");
        MainTest.Run wrongKind = MainTest.run("train", "--model", "vae-conv", "--data-dir", dir.toString(), "--epochs", "3",
                "--out", model.toString(), "--resume");
        assertThat(wrongKind.err()).contains("holds a vae-mlp, not a vae-conv");
    }

    @Test
    void picturesOfWhatItLearned() throws Exception {
        Path samples = dir.resolve("s.png");
        assertThat(MainTest.run("sample", "--model", model.toString(), "--n", "9", "--scale", "2", "--out", samples.toString()).code()).isZero();
        BufferedImage s = png(samples);
        assertThat(s.getWidth()).isEqualTo(3 * (28 * 2 + 2) + 2);

        Path recon = dir.resolve("r.png");
        assertThat(MainTest.run("reconstruct", "--model", model.toString(), "--data-dir", dir.toString(), "--n", "4",
                "--out", recon.toString()).code()).isZero();
        assertThat(png(recon).getHeight()).isGreaterThan(2 * 28 * 3);

        Path walk = dir.resolve("i.png");
        assertThat(MainTest.run("interpolate", "--model", model.toString(), "--data-dir", dir.toString(), "--from", "2",
                "--to", "5", "--steps", "6", "--out", walk.toString()).code()).isZero();
        assertThat(png(walk).getWidth()).isEqualTo(8 * (28 * 3 + 2) + 2);

        Path trav = dir.resolve("t.png");
        assertThat(MainTest.run("traverse", "--model", model.toString(), "--dims", "0,3", "--steps", "5",
                "--out", trav.toString()).code()).isZero();
        png(trav);

        Path map = dir.resolve("m.png");
        assertThat(MainTest.run("latent-map", "--model", model.toString(), "--data-dir", dir.toString(),
                "--out", map.toString()).code()).isZero();
        assertThat(png(map).getWidth()).isEqualTo(900);

        Path curves = dir.resolve("c.png");
        assertThat(MainTest.run("curves", "--model", model.toString(), "--out", curves.toString()).code()).isZero();
        assertThat(png(curves).getHeight()).isEqualTo(740);
    }

    @Test
    void badArgumentsAreOneLine() {
        MainTest.Run r = MainTest.run("traverse", "--model", model.toString(), "--dims", "9");
        assertThat(r.err().strip()).isEqualTo("vaelab: error: latent dimension 9 does not exist; the model has 4");
        r = MainTest.run("interpolate", "--model", model.toString(), "--data-dir", dir.toString(), "--to", "500");
        assertThat(r.err().strip()).isEqualTo("vaelab: error: image index 500 is outside the 24 test images");
        r = MainTest.run("sample", "--model", dir.resolve("none.vae").toString());
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void aGridTooLargeToDrawIsRefusedInOneLine() {
        Path out = dir.resolve("huge.png");
        MainTest.Run r = MainTest.run("sample", "--model", model.toString(), "--scale", "500", "--out", out.toString());
        assertThat(r.err().strip()).isEqualTo("vaelab: error: --scale must be between 1 and 32, got 500");
        r = MainTest.run("sample", "--model", model.toString(), "--n", "100000", "--out", out.toString());
        assertThat(r.err().strip()).isEqualTo("vaelab: error: --n must be between 1 and 1024, got 100000");
        r = MainTest.run("sample", "--model", model.toString(), "--n", "1024", "--scale", "32", "--out", out.toString());
        assertThat(r.err().strip()).isEqualTo("vaelab: error: the picture would be 28736×28736 pixels, more than 16384 on a side;"
                + " lower --n or --scale");
        assertThat(out).doesNotExist();
    }

    /** Every drawing command writes the format its file's name says, and refuses a folder or another extension before work. */
    @Test
    void everyDrawingCommandWritesTheFormatItsNameSaysAndRefusesBadPathsInOneLine() throws Exception {
        String m = model.toString();
        String data = dir.toString();
        String[][] commands = {{"sample", "--model", m}, {"reconstruct", "--model", m, "--data-dir", data},
            {"interpolate", "--model", m, "--data-dir", data}, {"traverse", "--model", m}, {"latent-map", "--model", m, "--data-dir", data},
            {"curves", "--model", m}};
        for (String[] c : commands) {
            Path jpg = dir.resolve(c[0] + ".jpg");
            MainTest.Run ok = MainTest.run(concat(c, "--out", jpg.toString()));
            assertThat(ok.code()).as(c[0] + ": " + ok.err()).isZero();
            byte[] head = java.nio.file.Files.readAllBytes(jpg);
            assertThat(head[0] & 0xFF).as(c[0]).isEqualTo(0xFF); // a JPEG starts FF D8
            assertThat(head[1] & 0xFF).as(c[0]).isEqualTo(0xD8);
            MainTest.Run gif = MainTest.run(concat(c, "--out", dir.resolve(c[0] + ".gif").toString()));
            assertThat(gif.err().strip()).as(c[0]).endsWith(": the picture's name must end in .png, .jpg or .jpeg (the format follows it)");
            java.nio.file.Path folder = java.nio.file.Files.createDirectories(dir.resolve(c[0] + "-folder.png"));
            MainTest.Run f = MainTest.run(concat(c, "--out", folder.toString()));
            assertThat(f.err().strip()).as(c[0]).isEqualTo("vaelab: error: " + folder + " is a folder; name a picture file, e.g. "
                    + folder.resolve("pictures.png"));
            assertThat(f.err()).doesNotContain("Exception");
        }
        MainTest.Run scale = MainTest.run("traverse", "--model", m, "--scale", "0", "--out", dir.resolve("t.png").toString());
        assertThat(scale.err().strip()).isEqualTo("vaelab: error: --scale must be between 1 and 32, got 0");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
