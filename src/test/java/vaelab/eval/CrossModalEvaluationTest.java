package vaelab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.Scene;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.CrossModalModel;
import vaelab.model.SceneJudge;
import vaelab.tensor.Tensor;
import vaelab.testing.TinySceneModel;

class CrossModalEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void scoresAreFractionsAndSentimentMatchesTheJudgesOwnEvaluation() throws Exception {
        CrossModalModel m = TinySceneModel.write(dir.resolve("m.vae"));
        CaptionedImages test = TinySceneModel.scenes(ScenesDataset.Split.TEST, 30);
        List<Integer> progress = new ArrayList<>();
        CrossModalEvaluation.Result r = CrossModalEvaluation.evaluate(m, test, 1, 1f, 1, progress::add);
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
        // By value: each attribute's values, weighted by how many captions named them, give the attribute's share.
        assertThat(r.toMap()).containsKey("text_to_image_by_value");
        assertThat(r.textToImageByValue()).isNotEmpty();
        r.textToImageByAttribute().forEach((attribute, share) -> {
            int captions = 0;
            double right = 0;
            for (var e : r.textToImageByValue().entrySet()) {
                if (e.getKey().startsWith(attribute + "=")) {
                    captions += e.getValue().captions();
                    right += e.getValue().accuracy() * e.getValue().captions();
                }
            }
            if (share == null) {
                assertThat(captions).as(attribute).isZero();
            } else {
                assertThat(captions).as(attribute).isPositive();
                assertThat(right / captions).as(attribute).isCloseTo(share, within(1e-9));
            }
        });
        // Reconstruction: the judge on each picture decoded from the mean of its own image posterior.
        int[] all = IntStream.range(0, 30).toArray();
        Tensor rebuilt = Tensor.of(m.vae().imagePixels(m.codesFromImages(test.images(all)), null), 30, 3, 32, 32);
        SceneJudge.Judgement[] read = m.judge().judge(rebuilt);
        int right = 0;
        int plantsRight = 0;
        for (int i = 0; i < 30; i++) {
            Scene t = test.scenes()[i];
            Scene s = read[i].scene();
            right += (t.sky() == s.sky() ? 1 : 0) + (t.land() == s.land() ? 1 : 0) + (t.snow() == s.snow() ? 1 : 0)
                    + (t.water() == s.water() ? 1 : 0) + (t.plants() == s.plants() ? 1 : 0) + (t.animals() == s.animals() ? 1 : 0);
            plantsRight += t.plants() == s.plants() ? 1 : 0;
        }
        assertThat(r.reconstructionAccuracy()).isCloseTo(right / 180.0, within(1e-12));
        assertThat(r.reconstructionByAttribute().get("plants")).isCloseTo(plantsRight / 30.0, within(1e-12));
        // The agreement split by caption kind adds up to the whole; the real pictures' agreement is a direct count.
        int mood = 0;
        int decided = 0;
        int realAgree = 0;
        for (int i = 0; i < 30; i++) {
            vaelab.data.scenes.SceneKeywords.Result named = vaelab.data.scenes.SceneKeywords.extract(test.captions().get(i));
            double said = vaelab.data.scenes.TextSentiment.positiveProbability(named);
            mood += named.positive() != null ? 1 : 0;
            decided += named.positive() == null && Math.abs(said - 0.5) >= 0.25 ? 1 : 0;
            realAgree += (said > 0.5) == test.scenes()[i].positive() ? 1 : 0;
        }
        int open = 30 - mood - decided;
        assertThat(mood).isPositive();
        java.util.Map<String, Double> by = r.sentimentAgreementByCaption();
        assertThat(by).containsOnlyKeys("mood_word", "attributes_decide", "attributes_leave_open");
        double sum = 0;
        int[] sizes = {mood, decided, open};
        String[] kinds = {"mood_word", "attributes_decide", "attributes_leave_open"};
        for (int k = 0; k < 3; k++) {
            if (sizes[k] == 0) {
                assertThat(by.get(kinds[k])).isNull();
            } else {
                sum += by.get(kinds[k]) * sizes[k];
            }
        }
        assertThat(sum / 30).isCloseTo(r.sentimentAgreement(), within(1e-9));
        assertThat(r.sentimentAgreementRealPictures()).isCloseTo(realAgree / 30.0, within(1e-12));
        // Same seed, same scores.
        assertThat(CrossModalEvaluation.evaluate(m, test, 1, 1f, 1, i -> { }).toMap()).isEqualTo(r.toMap());
    }
}
