package vaelab.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import vaelab.data.scenes.Scene;
import vaelab.data.scenes.SceneKeywords;
import vaelab.data.scenes.TextSentiment;
import vaelab.model.SceneJudge;
import vaelab.model.SentenceReading;
import vaelab.model.TextImageNetwork;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * How faithfully pictures drawn from sentences people write show what the sentences name: the text →
 * image score and the sentiment agreement of {@link CrossModalEvaluation}, for free text instead of the
 * generator's captions, read as {@code vaelab generate} reads them ({@link SentenceReading}) and drawn with the same seed.
 * What a sentence names is what its keywords find ({@link SceneKeywords}: "wolves on a hill" names animals
 * and hills, "no trees" names the absence of plants); the judge reads each picture. The test captions
 * cannot measure this: they are in the very words the text expert learnt.
 */
public final class SentenceEvaluation {
    private SentenceEvaluation() {
    }

    /**
     * One sentence's pictures.
     *
     * @param text     the sentence
     * @param readAs   what the model read (see {@link SentenceReading.Read#readAs()})
     * @param named    attribute values named, summed over the pictures (values per sentence × pictures)
     * @param found    of those, the ones the judge reads in the pictures
     * @param agree    pictures whose judged sentiment agrees with the sentence's
     * @param pictures pictures drawn
     */
    public record SentenceScore(String text, String readAs, int named, int found, int agree, int pictures) {
        /** The share of named values found; NaN for a sentence that names nothing. */
        public double accuracy() {
            return named == 0 ? Double.NaN : found / (double) named;
        }
    }

    /** All sentences: the pooled shares, and each sentence's. */
    public record Result(List<SentenceScore> sentences) {
        /** Of all values named, the share the judge reads in the pictures. */
        public double textToImageAccuracy() {
            int named = sentences.stream().mapToInt(SentenceScore::named).sum();
            return sentences.stream().mapToInt(SentenceScore::found).sum() / (double) Math.max(1, named);
        }

        /** Of all pictures, the share whose judged sentiment agrees with their sentence's. */
        public double sentimentAgreement() {
            int pictures = sentences.stream().mapToInt(SentenceScore::pictures).sum();
            return sentences.stream().mapToInt(SentenceScore::agree).sum() / (double) Math.max(1, pictures);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sentences", sentences.size());
            m.put("named_values", sentences.stream().mapToInt(SentenceScore::named).sum());
            m.put("text_to_image_accuracy", textToImageAccuracy());
            m.put("sentiment_agreement", sentimentAgreement());
            List<Map<String, Object>> each = new ArrayList<>();
            for (SentenceScore s : sentences) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("text", s.text());
                e.put("read_as", s.readAs());
                e.put("named_values", s.named());
                e.put("accuracy", s.named() == 0 ? null : s.accuracy());
                e.put("agreement", s.agree() / (double) s.pictures());
                each.add(e);
            }
            m.put("per_sentence", each);
            return m;
        }
    }

    /**
     * Draws {@code n} pictures of each sentence, as {@code generate} would with these arguments, and scores them.
     *
     * @param progress hears the number of sentences done
     * @throws IllegalArgumentException when the model has no judge or there are no sentences
     */
    public static Result evaluate(TextImageNetwork model, List<String> sentences, int n, long seed, float temperature, int candidates,
                                  SentenceReading.Mode reading, IntConsumer progress) {
        SceneJudge judge = model.judge();
        if (judge == null) {
            throw new IllegalArgumentException("scoring pictures of sentences needs a scene model, with its judge");
        }
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("there are no sentences to score");
        }
        List<SentenceScore> scores = new ArrayList<>();
        for (String text : sentences) {
            SceneKeywords.Result named = SceneKeywords.extract(text);
            boolean positive = TextSentiment.positiveProbability(named) > 0.5;
            SentenceReading.Read read = SentenceReading.read(model, text, reading);
            float[] pixels = model.picturesFromText(List.of(read.readAs()), n, temperature, read.fromPrior() ? 1 : candidates,
                    new Rng(seed));
            SceneJudge.Judgement[] judged = judge.judge(Tensor.of(pixels, n, model.channels(), 32, 32));
            int count = 0;
            int found = 0;
            int agree = 0;
            for (SceneJudge.Judgement j : judged) {
                Scene seen = j.scene();
                Object[][] pairs = {
                    {named.sky(), seen.sky()}, {named.land(), seen.land()}, {named.snow() ? Boolean.TRUE : null, seen.snow()},
                    {named.water(), seen.water()}, {named.plants(), seen.plants()}, {named.animals(), seen.animals()}};
                for (Object[] pair : pairs) {
                    if (pair[0] != null) {
                        count++;
                        found += pair[0].equals(pair[1]) ? 1 : 0;
                    }
                }
                agree += (j.positiveProbability() > 0.5) == positive ? 1 : 0;
            }
            scores.add(new SentenceScore(text, read.readAs(), count, found, agree, n));
            progress.accept(scores.size());
        }
        return new Result(List.copyOf(scores));
    }
}
