package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.Scene;
import vaelab.data.scenes.ScenesDataset;
import vaelab.eval.JudgeEvaluation;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.testing.TinySceneModel;

class SceneJudgeTest {
    @Test
    void targetsFollowTheHeadsOrder() {
        Scene s = new Scene(Scene.Sky.NIGHT, Scene.Land.MOUNTAINS, true, Scene.Water.MUDDY, Scene.Plants.FLOWERS, Scene.Animals.FEW);
        assertThat(SceneJudge.targets(s)).containsExactly(4, 0, 1, 2, 3, 1, s.positive() ? 1 : 0);
        assertThat(SceneJudge.SIZES).hasSize(SceneJudge.HEADS.size());
    }

    @Test
    void learnsAFewScenesByHeart() {
        CaptionedImages data = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 24);
        SceneJudge judge = new SceneJudge(0f, new Rng(1));
        int[] all = java.util.stream.IntStream.range(0, 24).toArray();
        int[][] targets = new int[7][24];
        for (int i = 0; i < 24; i++) {
            int[] t = SceneJudge.targets(data.scenes()[i]);
            for (int h = 0; h < 7; h++) {
                targets[h][i] = t[h];
            }
        }
        Adam adam = new Adam(judge.parameters(), 2e-3f);
        Tensor images = data.images(all);
        for (int step = 0; step < 80; step++) {
            adam.zeroGrad();
            judge.loss(images, targets).backward();
            adam.step();
        }
        judge.eval();
        JudgeEvaluation.Result r = JudgeEvaluation.evaluate(judge, data);
        assertThat(r.attributeAccuracy()).isGreaterThan(0.95);
        assertThat(r.sentimentAccuracy()).isGreaterThan(0.95);
        SceneJudge.Judgement j = judge.judge(data.images(new int[] {0}))[0];
        assertThat(j.positiveProbability()).isBetween(0.0, 1.0);
        assertThat(j.confidence()).containsOnlyKeys(SceneJudge.HEADS);
    }

    @Test
    void theRuleProbabilityIsTheMoodOfTheAttributeDistribution() {
        Scene s = new Scene(Scene.Sky.SUNNY, Scene.Land.MOUNTAINS, true, Scene.Water.CLEAR, Scene.Plants.NONE, Scene.Animals.FEW);
        int[] t = SceneJudge.targets(s);
        double[][] certain = new double[6][];
        double[][] uniform = new double[6][];
        for (int h = 0; h < 6; h++) {
            certain[h] = new double[SceneJudge.SIZES[h]];
            certain[h][t[h]] = 1;
            uniform[h] = new double[SceneJudge.SIZES[h]];
            java.util.Arrays.fill(uniform[h], 1.0 / SceneJudge.SIZES[h]);
        }
        assertThat(SceneJudge.ruleProbability(certain)).isEqualTo(s.positive() ? 1.0 : 0.0);
        // Uniform heads draw scenes as the generator does: 48.9% positive (see Sentiment).
        assertThat(SceneJudge.ruleProbability(uniform))
                .isCloseTo(vaelab.data.scenes.TextSentiment.positiveProbability(""), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void rejectsOtherImageShapes() {
        SceneJudge judge = new SceneJudge(0f, new Rng(1));
        assertThatThrownBy(() -> judge.forward(Tensor.zeros(1, 1, 28, 28))).hasMessageContaining("(n, 3, 32, 32)");
    }
}
