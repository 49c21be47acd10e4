package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.api.TextImageModel;

class EmbeddingTest {
    @TempDir
    Path dir;

    @Test
    void drawsASentenceAndSaysHowItFeels() throws Exception {
        Path model = Path.of(System.getProperty("vaelab.model", "../../data/models/scenes.vae"));
        Path out = dir.resolve("picture.png");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextImageModel.Generation g = Embedding.run(model, "a sunny meadow with flowers and a clear lake", out,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertTrue(report.contains("keywords: sunny, meadow, flowers, clear lake"), report);
        assertTrue(report.matches("(?s).*sentiment: (positive|negative) \\(p\\(positive\\) = [01]\\.\\d\\d\\).*"), report);
        assertEquals(128, ImageIO.read(Files.newInputStream(out)).getWidth());
        assertEquals(1, g.images().size());
    }
}
