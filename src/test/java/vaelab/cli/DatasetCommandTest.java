package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportWritesPngsAndATsv() throws Exception {
        MainTest.Run r = MainTest.run("dataset", "export", "--dataset", "scenes", "--count", "7", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("captions.tsv"));
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("file\tcaption\tsentiment\tattributes");
        for (String line : lines.subList(1, 8)) {
            String[] f = line.split("\t");
            assertThat(f).hasSize(4);
            assertThat(f[2]).isIn("positive", "negative");
            assertThat(f[3]).startsWith("sky=");
            var img = ImageIO.read(dir.resolve(f[0]).toFile());
            assertThat(img.getWidth()).isEqualTo(32);
            assertThat(img.getHeight()).isEqualTo(32);
        }
    }

    @Test
    void previewWritesAGridAndPrintsTheCaptions() throws Exception {
        Path png = dir.resolve("p.png");
        MainTest.Run r = MainTest.run("dataset", "preview", "--count", "6", "--split", "validation", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.matches("\\s*\\d+ (positive|negative) .*")).count()).isEqualTo(6);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(6 * 32 * 5);
    }

    @Test
    void previewReadsAFolderBack() throws Exception {
        assertThat(MainTest.run("dataset", "export", "--count", "4", "--out", dir.toString()).code()).isZero();
        Path png = dir.resolve("folder.png");
        MainTest.Run r = MainTest.run("dataset", "preview", "--dataset", "folder:" + dir, "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("read 4 images from " + dir);
        Files.writeString(dir.resolve("captions.tsv"), "scene-00000.png\t\n", java.nio.file.StandardOpenOption.APPEND);
        MainTest.Run bad = MainTest.run("dataset", "preview", "--dataset", "folder:" + dir, "--out", png.toString());
        assertThat(bad.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(bad.err()).contains("line 6: the caption of scene-00000.png is empty").contains("--skip-bad");
        MainTest.Run skip = MainTest.run("dataset", "preview", "--dataset", "folder:" + dir, "--skip-bad", "--out", png.toString());
        assertThat(skip.out()).contains("skipped: ").contains("read 4 images");
    }

    @Test
    void badArguments() {
        assertThat(MainTest.run("dataset", "export", "--dataset", "cifar", "--out", dir.toString()).err())
                .contains("unknown dataset 'cifar'");
        assertThat(MainTest.run("dataset", "preview", "--split", "dev").err()).contains("--split must be train, validation or test");
    }
}
