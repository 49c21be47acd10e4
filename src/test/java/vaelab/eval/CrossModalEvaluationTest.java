package vaelab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.CrossModalModel;
import vaelab.testing.TinySceneModel;

class CrossModalEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void scoresAreFractionsAndSentimentMatchesTheJudgesOwnEvaluation() throws Exception {
        CrossModalModel m = TinySceneModel.write(dir.resolve("m.vae"));
        CaptionedImages test = TinySceneModel.scenes(ScenesDataset.Split.TEST, 30);
        List<Integer> progress = new ArrayList<>();
        CrossModalEvaluation.Result r = CrossModalEvaluation.evaluate(m, test, 1, 1f, progress::add);
        assertThat(r.images()).isEqualTo(30);
        assertThat(r.negElbo()).isPositive().isFinite();
        for (double v : new double[] {r.textToImageAccuracy(), r.imageToTextAccuracy(), r.imageToTextCoverage(),
            r.sentimentAccuracy(), r.sentimentAgreement(), r.reconstructionAccuracy()}) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        assertThat(r.sentimentAccuracy()).isCloseTo(JudgeEvaluation.evaluate(m.judge(), test).sentimentAccuracy(), within(1e-12));
        assertThat(progress).last().isEqualTo(30);
        assertThat(r.toMap()).containsKeys("neg_elbo", "text_to_image_accuracy", "image_to_text_accuracy", "sentiment_accuracy",
                "sentiment_agreement", "reconstruction_accuracy", "reconstruction_by_attribute");
        assertThat(r.reconstructionByAttribute()).containsOnlyKeys("sky", "land", "snow", "water", "plants", "animals");
        // Same seed, same scores.
        assertThat(CrossModalEvaluation.evaluate(m, test, 1, 1f, i -> { }).toMap()).isEqualTo(r.toMap());
    }
}
