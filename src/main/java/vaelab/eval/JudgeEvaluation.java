package vaelab.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.Scene;
import vaelab.model.SceneJudge;

/** How often the scene judge reads real test pictures right: per attribute, overall, and sentiment. */
public final class JudgeEvaluation {
    /** {@code attributeAccuracy} is the mean over the six attribute heads (snow only counts on mountains). */
    public record Result(int images, Map<String, Double> perAttribute, double attributeAccuracy, double sentimentAccuracy,
                         double headSentimentAccuracy, double ruleSentimentAccuracy) {
    }

    private JudgeEvaluation() {
    }

    public static Result evaluate(SceneJudge judge, CaptionedImages data) {
        if (data.scenes() == null) {
            throw new IllegalArgumentException("judging needs pictures with known attributes");
        }
        int[] correct = new int[9];
        int mountains = 0;
        int batch = 256;
        for (int from = 0; from < data.count(); from += batch) {
            int[] idx = new int[Math.min(batch, data.count() - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            SceneJudge.Judgement[] js = judge.judge(data.images(idx));
            for (int i = 0; i < idx.length; i++) {
                Scene truth = data.scenes()[idx[i]];
                Scene read = js[i].scene();
                correct[0] += truth.sky() == read.sky() ? 1 : 0;
                correct[1] += truth.land() == read.land() ? 1 : 0;
                if (truth.land() == Scene.Land.MOUNTAINS) {
                    mountains++;
                    correct[2] += truth.snow() == read.snow() ? 1 : 0;
                }
                correct[3] += truth.water() == read.water() ? 1 : 0;
                correct[4] += truth.plants() == read.plants() ? 1 : 0;
                correct[5] += truth.animals() == read.animals() ? 1 : 0;
                correct[6] += truth.positive() == js[i].positive() ? 1 : 0;
                correct[7] += truth.positive() == js[i].headProbability() > 0.5 ? 1 : 0;
                correct[8] += truth.positive() == js[i].ruleProbability() > 0.5 ? 1 : 0;
            }
        }
        int n = data.count();
        Map<String, Double> per = new LinkedHashMap<>();
        double sum = 0;
        for (int h = 0; h < 6; h++) {
            double acc = correct[h] / (double) (h == 2 ? Math.max(1, mountains) : n);
            per.put(SceneJudge.HEADS.get(h), acc);
            sum += acc;
        }
        return new Result(n, per, sum / 6, correct[6] / (double) n, correct[7] / (double) n, correct[8] / (double) n);
    }
}
