package vaelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void escapesTextAndEmbedsImages() throws Exception {
        HtmlReport r = new HtmlReport("a <b> & \"c\"");
        r.paragraph("x < y").table(List.of(List.of("h"), List.of("<td>"))).image(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "alt");
        Path f = dir.resolve("sub/r.html");
        r.write(f);
        String html = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(html).contains("a &lt;b&gt; &amp; &quot;c&quot;").contains("x &lt; y").contains("&lt;td&gt;")
                .contains("src=\"data:image/png;base64,iVBOR").doesNotContain("<td><td>").contains("<meta charset=\"utf-8\">");
    }
}
