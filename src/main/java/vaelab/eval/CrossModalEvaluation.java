package vaelab.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.Scene;
import vaelab.data.scenes.SceneKeywords;
import vaelab.data.scenes.TextSentiment;
import vaelab.model.CrossModalModel;
import vaelab.model.SceneJudge;
import vaelab.model.TextImageNetwork;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The cross-modal model's scores on scenes with known attributes, all on the same test images:
 * <ul>
 * <li>{@code neg_elbo}: the image −ELBO under the image posterior q(z | x), nats per image (one z each);
 * <li>{@code text_to_image_accuracy}: of the attributes a caption names, the fraction that the judge
 *     reads in the picture generated from the caption alone (the best of {@code candidates} codes
 *     drawn from q(z | t), chosen by the model itself: {@link CrossModalModel#codesFromText(List, int, float, int, Rng)});
 * <li>{@code image_to_text_accuracy}: of the attributes the caption written for a real picture names
 *     (greedy decoding from the mean of q(z | x)), the fraction true of that picture; and
 *     {@code image_to_text_coverage}, how many of the picture's attributes it named;
 * <li>{@code sentiment_accuracy}: the judge's sentiment on the real pictures against their labels;
 * <li>{@code sentiment_agreement}: the caption's sentiment ({@link TextSentiment}) against the judged
 *     sentiment of the picture generated from it; {@code sentiment_agreement_by_caption} splits it by
 *     what decides the caption's sentiment, and {@code sentiment_agreement_real_pictures} holds the
 *     caption's sentiment against the true sentiment of its own real picture, for scale (a caption
 *     that leaves attributes unsaid can be contradicted by the real scene too);
 * <li>{@code reconstruction_accuracy}: of all six attributes of each real picture, the share the judge
 *     reads in its reconstruction (decoded from the mean of q(z | x)). A diagnostic, not a target: an
 *     attribute the image VAE cannot carry through its own code, a picture drawn from text will hardly
 *     show either.
 * </ul>
 */
public final class CrossModalEvaluation {
    public record Result(int images, double negElbo, double textToImageAccuracy, double imageToTextAccuracy,
                         double imageToTextCoverage, double sentimentAccuracy, double sentimentAccuracyHead,
                         double sentimentAccuracyAttributes, double sentimentAgreement, double reconstructionAccuracy,
                         Map<String, Double> textToImageByAttribute, Map<String, Double> imageToTextByAttribute,
                         Map<String, Double> reconstructionByAttribute, Map<String, Double> sentimentAgreementByCaption,
                         double sentimentAgreementRealPictures, Map<String, ValueScore> textToImageByValue,
                         double strictTextToImageAccuracy, double frechetJudgeDistance, double frechetJudgeDistanceFloor,
                         Integer codesUsed, Double codePerplexity) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", images);
            m.put("neg_elbo", negElbo);
            m.put("text_to_image_accuracy", textToImageAccuracy);
            m.put("strict_text_to_image_accuracy", strictTextToImageAccuracy);
            m.put("frechet_judge_distance", frechetJudgeDistance);
            m.put("frechet_judge_distance_floor", frechetJudgeDistanceFloor);
            m.put("image_to_text_accuracy", imageToTextAccuracy);
            m.put("image_to_text_coverage", imageToTextCoverage);
            m.put("sentiment_accuracy", sentimentAccuracy);
            m.put("sentiment_accuracy_head", sentimentAccuracyHead);
            m.put("sentiment_accuracy_attributes", sentimentAccuracyAttributes);
            m.put("sentiment_agreement", sentimentAgreement);
            m.put("reconstruction_accuracy", reconstructionAccuracy);
            m.put("text_to_image_by_attribute", textToImageByAttribute);
            m.put("image_to_text_by_attribute", imageToTextByAttribute);
            m.put("reconstruction_by_attribute", reconstructionByAttribute);
            m.put("sentiment_agreement_by_caption", sentimentAgreementByCaption);
            m.put("sentiment_agreement_real_pictures", sentimentAgreementRealPictures);
            Map<String, Object> byValue = new LinkedHashMap<>();
            textToImageByValue.forEach((k, v) -> byValue.put(k, Map.of("captions", v.captions(), "accuracy", v.accuracy())));
            m.put("text_to_image_by_value", byValue);
            m.put("codes_used", codesUsed);
            m.put("code_perplexity", codePerplexity);
            return m;
        }
    }

    /** How many captions named one value of an attribute (e.g. "plants=flowers"), and in what share of their pictures the judge found it. */
    public record ValueScore(int captions, double accuracy) {
    }

    private static final String[] ATTRIBUTES = {"sky", "land", "snow", "water", "plants", "animals"};
    /**
     * Captions by what decides their sentiment: a mood word; the attributes they name, with at most a
     * one-in-four chance of the other sentiment (p(positive) ≤ ¼ or ≥ ¾); or attributes that leave it open.
     */
    static final String[] CAPTION_KINDS = {"mood_word", "attributes_decide", "attributes_leave_open"};

    private CrossModalEvaluation() {
    }

    /** Scores {@code model} on {@code data}; {@code progress} hears the number of images done so far. */
    public static Result evaluate(TextImageNetwork model, CaptionedImages data, long seed, float temperature, int candidates, IntConsumer progress) {
        return evaluate(model, data, seed, temperature, candidates, progress, List.of()).get(0);
    }

    /**
     * As {@link #evaluate(TextImageNetwork, CaptionedImages, long, float, int, IntConsumer)}, with the
     * same pictures also read by {@code otherJudges}: one result per judge, the model's own first
     * (the −ELBO, the written captions and the codes are the model's and the same in each).
     */
    public static List<Result> evaluate(TextImageNetwork model, CaptionedImages data, long seed, float temperature, int candidates,
                                        IntConsumer progress, List<SceneJudge> otherJudges) {
        if (model.judge() == null || data.scenes() == null) {
            throw new IllegalArgumentException("scene metrics need a model with a scene judge and scenes with known attributes");
        }
        List<SceneJudge> judges = new java.util.ArrayList<>();
        judges.add(model.judge());
        judges.addAll(otherJudges);
        int channels = model.channels();
        Rng rng = new Rng(seed);
        int n = data.count();
        double nelbo = 0;
        List<Tally> tallies = new java.util.ArrayList<>();
        for (int j = 0; j < judges.size(); j++) {
            tallies.add(new Tally(n));
        }
        int[][] i2t = new int[ATTRIBUTES.length][2]; // [attribute][named, true]
        int possible = 0;
        int[] codes = null;
        int batch = 100;
        try (GradMode.Scope ignored = GradMode.disable()) {
            for (int from = 0; from < data.count(); from += batch) {
                CaptionedImages.Batch b = data.batch(from, Math.min(data.count(), from + batch));
                int[] idx = b.indices();
                List<String> captions = b.captions();
                Tensor images = b.images();
                TextImageNetwork.Readings read = model.read(images, captions, temperature, candidates, rng);
                nelbo += read.negElbo() * idx.length;
                Tensor drawn = Tensor.of(read.fromCaptions(), idx.length, channels, 32, 32);
                Tensor rebuilt = Tensor.of(read.rebuilt(), idx.length, channels, 32, 32);
                Scene[] truths = new Scene[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    truths[i] = data.scenes()[idx[i]];
                }
                for (int j = 0; j < judges.size(); j++) {
                    tallies.get(j).add(judges.get(j), from, truths, captions, images, drawn, rebuilt);
                }
                if (read.codes() != null) {
                    if (codes == null) {
                        codes = new int[n * (read.codes().length / idx.length)];
                    }
                    System.arraycopy(read.codes(), 0, codes, from * (read.codes().length / idx.length), read.codes().length);
                }
                // Image → text: what the written caption names, against the real picture.
                for (int i = 0; i < idx.length; i++) {
                    count(SceneKeywords.extract(read.written().get(i)), truths[i], i2t, null);
                    possible += showable(truths[i]);
                }
                progress.accept(from + idx.length);
            }
        }
        vaelab.model.CodeUsage usage = codes == null ? null : vaelab.model.CodeUsage.of(codes, model.codebookSize());
        List<Result> out = new java.util.ArrayList<>();
        for (Tally t : tallies) {
            out.add(t.result(n, nelbo / n, ratio(i2t), namedCount(i2t) / (double) Math.max(1, possible), byAttribute(i2t), usage));
        }
        return out;
    }

    /** What one judge reads in the real, drawn and rebuilt pictures, summed over the batches. */
    private static final class Tally {
        final int[][] t2i = new int[ATTRIBUTES.length][2]; // [attribute][named, judged right]
        final Map<String, int[]> t2iByValue = new java.util.TreeMap<>(); // "attribute=value" → {named, judged right}
        final int[][] recon = new int[ATTRIBUTES.length][2]; // [attribute][pictures, read right]
        final int[][] agreeBy = new int[CAPTION_KINDS.length][2]; // [kind][captions, generated picture agrees]
        int sentimentRight;
        int headRight;
        int ruleRight;
        int agree;
        int realAgree;
        int strict;
        final float[] realFeatures; // (n, 256)
        final float[] drawnFeatures; // (n, 256)

        Tally(int n) {
            realFeatures = new float[n * SceneJudge.FEATURES];
            drawnFeatures = new float[n * SceneJudge.FEATURES];
        }

        void add(SceneJudge judge, int from, Scene[] truths, List<String> captions, Tensor images, Tensor drawn, Tensor rebuiltImages) {
            int width = SceneJudge.FEATURES;
            SceneJudge.Judgement[] real = judge.judge(images);
            SceneJudge.Judgement[] fake = judge.judge(drawn);
            SceneJudge.Judgement[] rebuilt = judge.judge(rebuiltImages);
            System.arraycopy(judge.features(images), 0, realFeatures, from * width, truths.length * width);
            System.arraycopy(judge.features(drawn), 0, drawnFeatures, from * width, truths.length * width);
            for (int i = 0; i < truths.length; i++) {
                Scene truth = truths[i];
                sentimentRight += real[i].positive() == truth.positive() ? 1 : 0;
                headRight += (real[i].headProbability() > 0.5) == truth.positive() ? 1 : 0;
                ruleRight += (real[i].ruleProbability() > 0.5) == truth.positive() ? 1 : 0;
                SceneKeywords.Result named = SceneKeywords.extract(captions.get(i));
                strict += count(named, fake[i].scene(), t2i, t2iByValue) ? 1 : 0;
                double said = TextSentiment.positiveProbability(named);
                boolean agrees = (said > 0.5) == fake[i].positive();
                agree += agrees ? 1 : 0;
                int kind = named.positive() != null ? 0 : Math.abs(said - 0.5) >= 0.25 ? 1 : 2;
                agreeBy[kind][0]++;
                agreeBy[kind][1] += agrees ? 1 : 0;
                realAgree += (said > 0.5) == truth.positive() ? 1 : 0;
                compare(truth, rebuilt[i].scene(), recon);
            }
        }

        Result result(int n, double negElbo, double i2t, double i2tCoverage, Map<String, Double> i2tByAttribute,
                      vaelab.model.CodeUsage usage) {
            int width = SceneJudge.FEATURES;
            double fjd = n >= 2 ? FrechetDistance.between(drawnFeatures, n, realFeatures, n, width) : Double.NaN;
            int half = n / 2;
            double floor = half >= 2 ? FrechetDistance.between(java.util.Arrays.copyOfRange(realFeatures, 0, half * width), half,
                    java.util.Arrays.copyOfRange(realFeatures, half * width, 2 * half * width), half, width) : Double.NaN;
            return new Result(n, negElbo, ratio(t2i), i2t, i2tCoverage,
                    sentimentRight / (double) n, headRight / (double) n, ruleRight / (double) n, agree / (double) n, ratio(recon),
                    byAttribute(t2i), i2tByAttribute, byAttribute(recon), byKind(agreeBy), realAgree / (double) n, byValue(t2iByValue),
                    strict / (double) n, fjd, floor, usage == null ? null : usage.used(), usage == null ? null : usage.perplexity());
        }
    }

    private static Map<String, Double> byKind(int[][] tally) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < CAPTION_KINDS.length; k++) {
            m.put(CAPTION_KINDS[k], tally[k][0] == 0 ? null : tally[k][1] / (double) tally[k][0]);
        }
        return m;
    }

    private static Map<String, ValueScore> byValue(Map<String, int[]> tally) {
        Map<String, ValueScore> m = new LinkedHashMap<>();
        tally.forEach((k, t) -> m.put(k, new ValueScore(t[0], t[1] / (double) t[0])));
        return m;
    }

    /**
     * For each attribute the sentence names: is it what {@code scene} has? Also by value, when
     * {@code byValue} is given. Returns whether every named attribute is.
     */
    private static boolean count(SceneKeywords.Result named, Scene scene, int[][] tally, Map<String, int[]> byValue) {
        boolean all = true;
        Object[][] pairs = {
            {named.sky(), scene.sky()}, {named.land(), scene.land()}, {named.snow() ? Boolean.TRUE : null, scene.snow()},
            {named.water(), scene.water()}, {named.plants(), scene.plants()}, {named.animals(), scene.animals()}};
        for (int a = 0; a < pairs.length; a++) {
            if (pairs[a][0] != null) {
                int right = pairs[a][0].equals(pairs[a][1]) ? 1 : 0;
                all &= right == 1;
                tally[a][0]++;
                tally[a][1] += right;
                if (byValue != null) {
                    int[] v = byValue.computeIfAbsent(ATTRIBUTES[a] + "=" + pairs[a][0].toString().toLowerCase(java.util.Locale.ROOT),
                            k -> new int[2]);
                    v[0]++;
                    v[1] += right;
                }
            }
        }
        return all;
    }

    /** Each of the six attributes: does {@code read} have what {@code truth} has? */
    private static void compare(Scene truth, Scene read, int[][] tally) {
        boolean[] same = {truth.sky() == read.sky(), truth.land() == read.land(), truth.snow() == read.snow(),
            truth.water() == read.water(), truth.plants() == read.plants(), truth.animals() == read.animals()};
        for (int a = 0; a < same.length; a++) {
            tally[a][0]++;
            tally[a][1] += same[a] ? 1 : 0;
        }
    }

    /** Attributes a caption of this scene could name: sky, land, snow if any, and whatever water, plants, animals it has. */
    private static int showable(Scene s) {
        return 2 + (s.snow() ? 1 : 0) + (s.water() != Scene.Water.NONE ? 1 : 0) + (s.plants() != Scene.Plants.NONE ? 1 : 0)
                + (s.animals() != Scene.Animals.NONE ? 1 : 0);
    }

    private static double ratio(int[][] tally) {
        int named = namedCount(tally);
        int right = 0;
        for (int[] t : tally) {
            right += t[1];
        }
        return named == 0 ? 0 : right / (double) named;
    }

    private static int namedCount(int[][] tally) {
        int named = 0;
        for (int[] t : tally) {
            named += t[0];
        }
        return named;
    }

    private static Map<String, Double> byAttribute(int[][] tally) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int a = 0; a < ATTRIBUTES.length; a++) {
            m.put(ATTRIBUTES[a], tally[a][0] == 0 ? null : tally[a][1] / (double) tally[a][0]);
        }
        return m;
    }
}
