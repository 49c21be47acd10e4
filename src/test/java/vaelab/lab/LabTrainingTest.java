package vaelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** Train live: one training at a time, curves while it runs, a stop, and β = 8 collapsing the code. */
class LabTrainingTest {
    private static JsonObject json(LabFixture.Response r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static JsonObject waitForEnd() throws Exception {
        for (int i = 0; i < 1200; i++) {
            JsonObject s = json(LabFixture.get("/api/train/status"));
            String state = s.get("state").getAsString();
            if (!state.equals("running") && !state.equals("stopping")) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the training did not end in 2 minutes");
    }

    private static JsonObject train(double beta) throws Exception {
        LabFixture.Response r = LabFixture.post("/api/train/start",
                "{\"latent\": 8, \"beta\": " + beta + ", \"epochs\": 5, \"subset\": 5000, \"seed\": 3}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject end = waitForEnd();
        assertThat(end.get("state").getAsString()).isEqualTo("done");
        return end;
    }

    private static int collapsed(JsonObject status) {
        var rows = status.getAsJsonArray("rows");
        return rows.get(rows.size() - 1).getAsJsonObject().get("collapsed_dimensions").getAsInt();
    }

    private static double kl(JsonObject status) {
        var rows = status.getAsJsonArray("rows");
        return rows.get(rows.size() - 1).getAsJsonObject().get("test_kl").getAsDouble();
    }

    @Test
    void betaEightCollapsesDimensionsThatBetaOneKeeps() throws Exception {
        LabFixture.lab();
        JsonObject elbo = train(1);
        JsonObject heavy = train(8);
        assertThat(elbo.getAsJsonArray("rows")).hasSize(5);
        assertThat(elbo.getAsJsonArray("samples")).hasSize(TrainingPage.SAMPLES);
        assertThat(elbo.getAsJsonArray("losses").size()).isGreaterThan(10);
        assertThat(elbo.getAsJsonArray("rows").get(4).getAsJsonObject().getAsJsonArray("kl_per_dimension")).hasSize(8);
        assertThat(collapsed(heavy)).isGreaterThan(collapsed(elbo));
        assertThat(kl(heavy)).isLessThan(kl(elbo) / 2);
    }

    @Test
    void aSecondTrainingIsToldToWaitAndAStopEndsTheFirst() throws Exception {
        LabFixture.lab();
        LabFixture.Response first = LabFixture.post("/api/train/start", "{\"epochs\": 30, \"subset\": 60000}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        LabFixture.Response second = LabFixture.post("/api/train/start", "{\"epochs\": 1}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(json(second).get("error").getAsString()).contains("already running");
        assertThat(LabFixture.post("/api/train/stop", "{}").status()).isEqualTo(200);
        JsonObject end = waitForEnd();
        assertThat(end.get("state").getAsString()).isEqualTo("stopped");
        assertThat(LabFixture.post("/api/train/stop", "{}").status()).isEqualTo(409);
    }
}
