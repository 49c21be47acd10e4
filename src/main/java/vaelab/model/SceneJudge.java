package vaelab.model;

import java.util.List;
import java.util.Map;
import vaelab.autograd.Arithmetic;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.autograd.Shaping;
import vaelab.data.scenes.Scene;
import vaelab.nn.Activation;
import vaelab.nn.Conv2d;
import vaelab.nn.Dense;
import vaelab.nn.Dropout;
import vaelab.nn.Flatten;
import vaelab.nn.Layer;
import vaelab.nn.MaxPool2d;
import vaelab.nn.Sequential;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Reads a 32×32 RGB scene: its sky, land, snow, water, plants and animals, and whether it feels
 * positive, each from its own softmax head on one shared CNN. It is trained on real (rendered)
 * scenes only, so it can judge generated pictures without having learned their blur.
 *
 * <p>Sentiment has its own head rather than being computed from the attribute heads: it is what the
 * issue asks of a sentiment classifier (a probability from the picture), and since the mood is a
 * linear score of the one-hot attributes, a linear head on features that encode them can learn it.
 * <pre>
 * conv 3×3 (3 → 32), ReLU, pool 2  → 16×16
 * conv 3×3 (32 → 64), ReLU, pool 2 → 8×8
 * conv 3×3 (64 → 64), ReLU, pool 2 → 4×4
 * dense 1024 → 256, ReLU, dropout; dense 256 → 23 logits: sky 5, land 4, snow 2, water 3, plants 4, animals 3, mood 2
 * </pre>
 */
public final class SceneJudge extends Layer {
    public static final String ARCHITECTURE = "scene-judge";
    /** The heads, in the order of their logits. */
    public static final List<String> HEADS = List.of("sky", "land", "snow", "water", "plants", "animals", "sentiment");
    static final int[] SIZES = {5, 4, 2, 3, 4, 3, 2};
    private static final int LOGITS = 23;
    static final int SIDE = 32;

    /** What the judge reads off one picture: the most likely scene, and how sure it is of each head. */
    public record Judgement(Scene scene, double positiveProbability, double headProbability, double ruleProbability,
                            Map<String, Double> confidence) {
        public boolean positive() {
            return positiveProbability > 0.5;
        }
    }

    /**
     * Where the judged sentiment comes from: the attribute heads pushed through the documented mood
     * rule (true), or the sentiment head (false). Both are always computed and reported. Chosen on
     * the validation split (2,000 scenes) for the shipped judge: 0.9865 through the attributes
     * against 0.961 from the sentiment head, whose errors come from misjudging one decisive
     * attribute (a few animals or a group) that the attribute heads read better.
     */
    static final boolean SENTIMENT_FROM_ATTRIBUTES = true;

    private final Sequential net;
    private final Dropout dropout;
    private final float dropoutRate;

    public SceneJudge(float dropout, Rng rng) {
        this.dropoutRate = dropout;
        this.dropout = new Dropout(dropout, new Rng(rng.nextLong()));
        this.net = child("net", new Sequential(
                new Conv2d(3, 32, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Conv2d(32, 64, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Conv2d(64, 64, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Flatten(),
                new Dense(64 * 4 * 4, 256, rng), Activation.relu(), this.dropout,
                new Dense(256, LOGITS, rng)));
    }

    /** The share of hidden units dropped in training. */
    public float dropoutRate() {
        return dropoutRate;
    }

    /** The generator of the dropout masks, whose state a training checkpoint keeps. */
    public Rng dropoutRng() {
        return dropout.rng();
    }

    /** All heads' logits side by side, (n, 23), for images (n, 3, 32, 32). */
    @Override
    public Tensor forward(Tensor images) {
        requireScenePictures(images);
        return net.forward(images);
    }

    private static void requireScenePictures(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != 3 || images.dim(2) != SIDE || images.dim(3) != SIDE) {
            throw new IllegalArgumentException("the scene judge takes images of shape (n, 3, 32, 32), got " + images.shape());
        }
    }

    /** Width of {@link #features}. */
    public static final int FEATURES = 256;

    /**
     * The judge's penultimate layer (after the hidden layer's ReLU), (n, 256), without a gradient:
     * what the Fréchet judge distance compares between drawn and real pictures.
     */
    public float[] features(Tensor images) {
        requireScenePictures(images);
        try (GradMode.Scope ignored = GradMode.disable()) {
            Tensor h = images;
            List<Layer> layers = net.layers();
            for (Layer l : layers.subList(0, layers.size() - 2)) { // all but the dropout and the output layer
                h = l.forward(h);
            }
            return h.data();
        }
    }

    /**
     * The training loss: the mean over the batch of the sum of the seven heads' cross-entropies.
     * {@code targets} holds, per head, one class per image (see {@link #targets(Scene)}).
     */
    public Tensor loss(Tensor images, int[][] targets) {
        Tensor logits = forward(images);
        Tensor total = null;
        int offset = 0;
        for (int h = 0; h < SIZES.length; h++) {
            Tensor head = Shaping.slice(logits, 1, offset, offset + SIZES[h]);
            Tensor ce = Losses.crossEntropy(head, targets[h], Reduction.MEAN);
            total = total == null ? ce : Arithmetic.add(total, ce);
            offset += SIZES[h];
        }
        return total;
    }

    /** The class of each head for a true scene, in {@link #HEADS} order. */
    public static int[] targets(Scene s) {
        return new int[] {s.sky().ordinal(), s.land().ordinal(), s.snow() ? 1 : 0, s.water().ordinal(),
                s.plants().ordinal(), s.animals().ordinal(), s.positive() ? 1 : 0};
    }

    /** Judges every image of a batch (n, 3, 32, 32) with pixels in [0, 1]; no gradient is kept. */
    public Judgement[] judge(Tensor images) {
        float[] logits;
        try (GradMode.Scope ignored = GradMode.disable()) {
            logits = forward(images).data();
        }
        int n = images.dim(0);
        Judgement[] out = new Judgement[n];
        for (int i = 0; i < n; i++) {
            int[] best = new int[SIZES.length];
            double[] conf = new double[SIZES.length];
            double positive = 0;
            double[][] probabilities = new double[SIZES.length][];
            int offset = i * LOGITS;
            for (int h = 0; h < SIZES.length; h++) {
                double[] p = softmax(logits, offset, SIZES[h]);
                probabilities[h] = p;
                for (int k = 0; k < p.length; k++) {
                    if (p[k] > p[best[h]]) {
                        best[h] = k;
                    }
                }
                conf[h] = p[best[h]];
                if (h == SIZES.length - 1) {
                    positive = p[1];
                }
                offset += SIZES[h];
            }
            Scene.Land land = Scene.Land.values()[best[1]];
            Scene scene = new Scene(Scene.Sky.values()[best[0]], land, land == Scene.Land.MOUNTAINS && best[2] == 1,
                    Scene.Water.values()[best[3]], Scene.Plants.values()[best[4]], Scene.Animals.values()[best[5]]);
            Map<String, Double> confidence = new java.util.LinkedHashMap<>();
            for (int h = 0; h < SIZES.length; h++) {
                confidence.put(HEADS.get(h), conf[h]);
            }
            double rule = ruleProbability(probabilities);
            out[i] = new Judgement(scene, SENTIMENT_FROM_ATTRIBUTES ? rule : positive, positive, rule, confidence);
        }
        return out;
    }

    /**
     * P(positive) when the attributes are drawn from the heads' distributions (independently) and
     * scored by the documented {@link vaelab.data.scenes.Sentiment} rule: a sum over the 1,440
     * combinations of sky, land, snow, water, plants and animals.
     */
    static double ruleProbability(double[][] p) {
        double positive = 0;
        for (Scene.Sky sky : Scene.Sky.values()) {
            for (Scene.Land land : Scene.Land.values()) {
                double pl = p[0][sky.ordinal()] * p[1][land.ordinal()];
                for (int snow = 0; snow < 2; snow++) {
                    double ps = land == Scene.Land.MOUNTAINS ? pl * p[2][snow] : snow == 0 ? pl : 0;
                    if (ps == 0) {
                        continue;
                    }
                    for (Scene.Water water : Scene.Water.values()) {
                        for (Scene.Plants plants : Scene.Plants.values()) {
                            for (Scene.Animals animals : Scene.Animals.values()) {
                                if (new Scene(sky, land, snow == 1, water, plants, animals).positive()) {
                                    positive += ps * p[3][water.ordinal()] * p[4][plants.ordinal()] * p[5][animals.ordinal()];
                                }
                            }
                        }
                    }
                }
            }
        }
        return Math.min(1.0, positive);
    }

    private static double[] softmax(float[] x, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, x[from + k]);
        }
        double[] p = new double[count];
        double sum = 0;
        for (int k = 0; k < count; k++) {
            p[k] = Math.exp(x[from + k] - max);
            sum += p[k];
        }
        for (int k = 0; k < count; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** The judge alone as a model file ({@value #ARCHITECTURE}, tensors "judge.…"), e.g. a judge of sharp renders for eval. */
    public vaelab.io.ModelFile toModelFile(Map<String, String> hyperparameters, Map<String, Tensor> extra) {
        Map<String, String> hyper = new java.util.LinkedHashMap<>(hyperparameters);
        hyper.put("judge_dropout", "" + dropoutRate);
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        state().forEach((k, v) -> tensors.put("judge." + k, v));
        tensors.putAll(extra);
        return new vaelab.io.ModelFile(ARCHITECTURE, hyper, List.of(), tensors);
    }

    /** A judge from a file of {@link #toModelFile}, or the judge inside a text–image model's file. */
    public static SceneJudge read(java.nio.file.Path file) throws vaelab.io.ModelFileException {
        vaelab.io.ModelFile m = vaelab.io.ModelFile.read(file);
        if (!m.architecture().equals(ARCHITECTURE) && !"scene-judge".equals(m.hyperparameters().get("judge"))) {
            throw new vaelab.io.ModelFileException(file, "holds no scene judge (a '" + m.architecture() + "' model)");
        }
        try {
            SceneJudge judge = new SceneJudge(Float.parseFloat(m.hyperparameters().getOrDefault("judge_dropout", "0")), new Rng(0));
            judge.loadState(m.tensorsUnder("judge."));
            judge.eval();
            return judge;
        } catch (IllegalArgumentException e) {
            throw new vaelab.io.ModelFileException(file, "does not hold a valid scene judge: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "SceneJudge(3×32×32 → sky, land, snow, water, plants, animals, sentiment)";
    }
}
