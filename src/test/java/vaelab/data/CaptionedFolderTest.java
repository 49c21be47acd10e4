package vaelab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.cli.MainTestAccess;

class CaptionedFolderTest {
    @TempDir
    Path dir;

    static void image(Path file, int w, int h, Color c, String format) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void roundTripsAnExportAndResizesOtherImages() throws Exception {
        assertThat(MainTestAccess.run("dataset", "export", "--count", "5", "--out", dir.toString())).isZero();
        image(dir.resolve("big.jpg"), 200, 120, new Color(255, 0, 0), "jpg");
        Files.writeString(dir.resolve(CaptionedFolder.INDEX), "big.jpg\ta red picture\n", java.nio.file.StandardOpenOption.APPEND);
        CaptionedFolder.Result r = CaptionedFolder.read(dir, 32, false);
        assertThat(r.examples()).hasSize(6);
        assertThat(r.skipped()).isEmpty();
        CaptionedFolder.Example last = r.examples().get(5);
        assertThat(last.caption()).isEqualTo("a red picture");
        assertThat(last.sentiment()).isEqualTo(-1);
        assertThat(last.pixels()).hasSize(3 * 32 * 32);
        assertThat(last.pixels()[0]).isGreaterThan(0.9f); // red
        assertThat(last.pixels()[32 * 32]).isLessThan(0.1f); // no green
        assertThat(r.examples().get(0).sentiment()).isIn(0, 1);
        assertThat(r.examples().get(0).attributes()).startsWith("sky=");
    }

    @Test
    void badRowsNameTheFileAndLine() throws Exception {
        image(dir.resolve("ok.png"), 10, 10, Color.BLUE, "png");
        Files.writeString(dir.resolve("not-an-image.png"), "hello");
        Path index = dir.resolve(CaptionedFolder.INDEX);
        String[][] cases = {
            {"ok.png\t", "line 1: the caption of ok.png is empty"},
            {"ok.png", "line 1: expected 2 to 4 tab-separated fields"},
            {"missing.png\ta cat", "line 1: the image missing.png does not exist"},
            {"not-an-image.png\ta cat", "line 1: the file not-an-image.png is not a PNG or JPEG image"},
            {"ok.png\ta cat\thappy", "line 1: sentiment must be positive or negative, not 'happy'"},
            {"../ok.png\ta cat", "is outside the folder"},
            {"o\u0000k.png\ta cat", "is not a valid path"},
        };
        for (String[] c : cases) {
            Files.writeString(index, c[0] + "\n");
            assertThatThrownBy(() -> CaptionedFolder.read(dir, 32, false)).as(c[0])
                    .hasMessageContaining(index.toString()).hasMessageContaining(c[1]);
        }
        Files.writeString(index, "file\tcaption\n\nok.png\ta blue square\tpositive\nmissing.png\tgone\n");
        CaptionedFolder.Result r = CaptionedFolder.read(dir, 16, true);
        assertThat(r.examples()).hasSize(1);
        assertThat(r.examples().get(0).sentiment()).isEqualTo(1);
        assertThat(r.skipped()).singleElement().asString().contains("line 4").contains("missing.png");
        assertThatThrownBy(() -> CaptionedFolder.read(dir.resolve("nowhere"), 32, false)).hasMessageContaining("does not exist");
        Files.delete(index);
        assertThatThrownBy(() -> CaptionedFolder.read(dir, 32, false)).hasMessageContaining("has no captions.tsv");
    }

    @net.jqwik.api.Property(tries = 500)
    void anyIndexIsReadOrRefusedWithItsName(@net.jqwik.api.ForAll String content) throws Exception {
        Path folder = Files.createTempDirectory("captions");
        try {
            image(folder.resolve("a.png"), 4, 4, Color.GREEN, "png");
            Files.writeString(folder.resolve(CaptionedFolder.INDEX), content);
            try {
                CaptionedFolder.Result r = CaptionedFolder.read(folder, 8, content.length() % 2 == 0);
                assertThat(r.examples()).isNotEmpty();
            } catch (java.io.IOException expected) {
                assertThat(expected.getMessage()).contains(folder.toString());
            }
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
