package vaelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab's endpoints answer what they say, and refuse what they must with the right status and a JSON reason. */
class LabServerTest {
    private static JsonObject json(LabFixture.Response r) {
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    void aSentenceGivesPicturesFromBothKindsOfModelWithWhatItWasReadAs() throws Exception {
        LabFixture.Response r = LabFixture.post("/api/generate", "{\"text\": \"冬天的雪山下有一群动物\", \"n\": 3, \"seed\": 5}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject d = json(r);
        var models = d.getAsJsonArray("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("gaussian");
        assertThat(models.get(1).getAsJsonObject().get("kind").getAsString()).isEqualTo("discrete");
        assertThat(models.get(1).getAsJsonObject().get("guidance").getAsDouble()).isEqualTo(vaelab.model.DiscreteModel.DEFAULT_GUIDANCE);
        assertThat(models.get(0).getAsJsonObject().get("guidance").getAsDouble()).isEqualTo(1.0);
        for (var m : models) {
            JsonObject o = m.getAsJsonObject();
            assertThat(o.getAsJsonArray("keywords").toString()).contains("雪山");
            assertThat(o.getAsJsonArray("pictures")).hasSize(3);
            for (var p : o.getAsJsonArray("pictures")) {
                assertThat(p.getAsJsonObject().get("png").getAsString()).startsWith("data:image/png;base64,");
                double prob = p.getAsJsonObject().getAsJsonObject("sentiment").get("probabilityPositive").getAsDouble();
                assertThat(prob).isBetween(0.0, 1.0);
                assertThat(p.getAsJsonObject().get("caption").getAsString()).isNotBlank();
            }
        }
        // The same request draws the same pictures.
        assertThat(LabFixture.post("/api/generate", "{\"text\": \"冬天的雪山下有一群动物\", \"n\": 3, \"seed\": 5}").body()
                .replaceAll("\"milliseconds\":\\d+", "")).isEqualTo(r.body().replaceAll("\"milliseconds\":\\d+", ""));
    }

    @Test
    void badValuesAreRefusedWith400NamingTheField() throws Exception {
        assertThat(json(LabFixture.post("/api/generate", "{\"text\": \"x\", \"n\": 9}")).get("error").getAsString()).contains("'n'");
        assertThat(json(LabFixture.post("/api/generate", "{\"text\": \"x\", \"guidance\": -1}")).get("error").getAsString())
                .contains("'guidance'");
        assertThat(LabFixture.post("/api/generate", "{\"text\": \"" + "a".repeat(2001) + "\"}").status()).isEqualTo(400);
        assertThat(LabFixture.post("/api/generate", "{\"text\": \"   \"}").status()).isEqualTo(400);
        assertThat(LabFixture.post("/api/generate", "[1, 2]").status()).isEqualTo(400);
        assertThat(LabFixture.post("/api/generate", "{\"text\": \"sky\"} {}").status()).isEqualTo(400);
        assertThat(json(LabFixture.post("/api/latent/decode", "{\"z\": [1, 2]}")).get("error").getAsString()).contains("20 numbers");
        assertThat(LabFixture.post("/api/latent/image", "{\"index\": 2000}").status()).isEqualTo(400);
        assertThat(LabFixture.post("/api/codes/decode", "{\"codes\": [" + "5000,".repeat(63) + "5000]}").status()).isEqualTo(400);
        assertThat(LabFixture.post("/api/train/start", "{\"beta\": -1}").status()).isEqualTo(400);
        assertThat(LabFixture.post("/api/train/start", "{\"epochs\": 1.5}").status()).isEqualTo(400);
    }

    @Test
    void methodsContentTypesSizesAndPathsAreChecked() throws Exception {
        LabFixture.Response wrongMethod = LabFixture.get("/api/generate");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers().get("allow")).isEqualTo("POST");
        assertThat(LabFixture.raw("DELETE", "/", Map.of(), null).status()).isEqualTo(405);
        assertThat(LabFixture.raw("POST", "/api/generate", Map.of("Content-Type", "text/plain"), "{\"text\":\"sky\"}".getBytes())
                .status()).isEqualTo(415);
        assertThat(LabFixture.raw("POST", "/api/generate", Map.of("Content-Type", "application/json"), new byte[70_000]).status())
                .isEqualTo(413);
        assertThat(LabFixture.raw("POST", "/api/generate", Map.of("Content-Type", "application/json"), new byte[] {'{', (byte) 0xC3, '}'})
                .status()).isEqualTo(400);
        for (String path : new String[] {"/../pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/vendor/../../../etc/passwd", "/lab.js/..",
            "/vaelab/lab/index.html", "/META-INF/MANIFEST.MF", "/data/models/scenes.vae"}) {
            LabFixture.Response r = LabFixture.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("root:").doesNotContain("<project");
        }
        assertThat(LabFixture.get("//etc/passwd").status()).isIn(400, 404);
        LabFixture.Response rebound = LabFixture.raw("GET", "/api/info", Map.of("Host", "evil.example"), null);
        assertThat(rebound.status()).isIn(400, 403); // two Host headers (ours and this) or a foreign name: refused either way
    }

    @Test
    void thePageAndEveryFileItLoadsComeFromTheServer() throws Exception {
        LabFixture.Response page = LabFixture.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-security-policy")).contains("default-src 'self'");
        for (String src : new String[] {"/lab.js", "/lab.css", "/vendor/uPlot.iife.min.js", "/vendor/uPlot.min.css"}) {
            assertThat(page.body()).contains("\"" + src + "\"");
            assertThat(LabFixture.get(src).status()).as(src).isEqualTo(200);
        }
        assertThat(page.body()).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theLatentPageDescribesEveryDimensionAndDecodesTheMapAndTheSliders() throws Exception {
        JsonObject s = json(LabFixture.get("/api/latent"));
        int latent = s.get("latent").getAsInt();
        assertThat(s.getAsJsonArray("klPerDimension")).hasSize(latent);
        assertThat(s.getAsJsonArray("collapsed")).hasSize(latent);
        assertThat(s.getAsJsonArray("points")).hasSize(2000);
        long collapsed = 0;
        for (int j = 0; j < latent; j++) {
            boolean c = s.getAsJsonArray("collapsed").get(j).getAsBoolean();
            assertThat(c).isEqualTo(s.getAsJsonArray("klPerDimension").get(j).getAsDouble() < 0.1);
            collapsed += c ? 1 : 0;
        }
        assertThat(collapsed).isEqualTo(s.get("collapsedDimensions").getAsInt());
        JsonObject image = json(LabFixture.post("/api/latent/image", "{\"index\": 7, \"samples\": 50}"));
        double elbo = image.get("negElbo").getAsDouble();
        assertThat(elbo).isCloseTo(image.get("reconstructionNats").getAsDouble() + image.get("klNats").getAsDouble(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(image.get("iwaeNll").getAsDouble()).isLessThan(elbo + 5); // a bound at least as tight, up to sampling noise
        String center = json(LabFixture.post("/api/latent/map", "{\"x\": 0, \"y\": 0}")).get("png").getAsString();
        String away = json(LabFixture.post("/api/latent/map", "{\"x\": 3, \"y\": -2}")).get("png").getAsString();
        assertThat(center).isNotEqualTo(away);
        JsonObject line = json(LabFixture.post("/api/latent/interpolate", "{\"from\": 0, \"to\": 1, \"steps\": 5}"));
        assertThat(line.getAsJsonArray("pngs")).hasSize(5);
    }

    @Test
    void aCodeChangedInOneCellChangesThePicture() throws Exception {
        JsonObject scene = json(LabFixture.post("/api/codes/scene", "{\"index\": 12}"));
        var codes = scene.getAsJsonArray("codes");
        assertThat(codes).hasSize(64);
        JsonObject alt = json(LabFixture.post("/api/codes/alternatives", "{\"codes\": " + codes + ", \"cell\": 27, \"count\": 5}"));
        var alternatives = alt.getAsJsonArray("alternatives");
        assertThat(alternatives).hasSize(5);
        int other = alternatives.get(0).getAsJsonObject().get("code").getAsInt();
        assertThat(other).isNotEqualTo(codes.get(27).getAsInt());
        JsonObject same = json(LabFixture.post("/api/codes/decode", "{\"codes\": " + codes + "}"));
        assertThat(same.get("png").getAsString()).isEqualTo(scene.get("png").getAsString());
        codes.set(27, new com.google.gson.JsonPrimitive(other));
        JsonObject changed = json(LabFixture.post("/api/codes/decode", "{\"codes\": " + codes + "}"));
        assertThat(changed.get("png").getAsString()).isNotEqualTo(scene.get("png").getAsString())
                .isEqualTo(alternatives.get(0).getAsJsonObject().get("png").getAsString());
    }
}
