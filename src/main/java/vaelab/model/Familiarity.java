package vaelab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import vaelab.data.scenes.ScenesDataset;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * Whether a picture lies within what a scene model knows, by three things the model computes, each held
 * against the same thing for real scenes:
 * <ul>
 * <li>{@code rebuild_error}: how well the model rebuilds the picture through its own code
 *     ({@link TextImageNetwork#rebuild}), the mean squared difference per pixel value. Noise, text and
 *     clothes come back as landscapes.</li>
 * <li>{@code code_cost}: the nats the picture's code costs under the model's prior
 *     ({@link TextImageNetwork#codeCost}), the −ELBO's other term. The discrete model's prior has learnt
 *     how the codes of a scene follow one another (a sky above, a ground below); a plain colour or a
 *     gradient gives it a grid of codes no scene has.</li>
 * <li>{@code judge_feature_distance}: how far the judge's penultimate features
 *     ({@link SceneJudge#features}) lie from those of the nearest group of real scenes (by sky and land):
 *     the Mahalanobis distance d² = (f − μ_c)ᵀ Σ⁻¹ (f − μ_c), minimised over the groups c, with Σ the
 *     covariance within groups (Lee et al., 2018).</li>
 * </ul>
 * A picture is familiar when all three stay within their limits: the {@value #UPPER_QUANTILE} quantile of
 * each over {@value #CALIBRATION_SCENES} generated validation scenes (other ones than the
 * {@value #CALIBRATION_SCENES} that fitted μ_c and Σ, because those lie nearer to their means than new
 * scenes do). So about 0.25% of real scenes fail each check. The rates measured on the test split and on
 * pictures that are not scenes are in docs/CROSSMODAL.md ("Pictures the model does not know"), from
 * {@code vaelab eval --dataset scenes --unfamiliar}.
 */
public final class Familiarity {
    public static final int CALIBRATION_SCENES = 2_000;
    public static final double UPPER_QUANTILE = 0.9975;
    public static final List<String> CHECKS = List.of("rebuild_error", "code_cost", "judge_feature_distance");
    /** Where a model file keeps its calibration, so that answering about one picture need not redo it. */
    public static final String PREFIX = "familiarity.";
    private static final int BATCH = 250;
    /** Scenes are grouped by sky and land (5 × 4) and a picture's features are held against the nearest group's mean. */
    static final int CLASSES = 20;

    private static int classOf(vaelab.data.scenes.Scene s) {
        return s.sky().ordinal() * 4 + s.land().ordinal();
    }

    /** One measure of a picture against its limit; NaN (a model without a judge has no feature distance) passes. */
    public record Check(String name, double value, double limit) {
        public boolean passes() {
            return !(value > limit);
        }

        String why() {
            switch (name) {
                case "rebuild_error":
                    return String.format(Locale.ROOT, "the model rebuilds it with a mean squared error of %.4f, where real scenes stay"
                            + " under %.4f", value, limit);
                case "code_cost":
                    return String.format(Locale.ROOT, "its code costs %.0f nats under the model's prior, where real scenes' cost at"
                            + " most %.0f", value, limit);
                default:
                    return String.format(Locale.ROOT, "the judge's features lie at d² = %.0f from those of the nearest real scenes,"
                            + " which stay within %.0f", value, limit);
            }
        }
    }

    /** A picture's checks, in the order of {@link #CHECKS}. */
    public record Reading(List<Check> checks) {
        public Reading {
            checks = List.copyOf(checks);
        }

        public boolean familiar() {
            return checks.stream().allMatch(Check::passes);
        }

        /** Why the picture is unfamiliar, in words; empty when it is familiar. */
        public String reason() {
            List<String> why = new ArrayList<>();
            for (Check c : checks) {
                if (!c.passes()) {
                    why.add(c.why());
                }
            }
            return String.join("; ", why);
        }
    }

    private final TextImageNetwork model;
    private final double[] limits; // one per check of CHECKS; a check without a value (no judge) is NaN
    private final float[] mean; // (20, 256) the judge's mean features per group of real scenes, or null without a judge
    private final float[] precision; // (256, 256) row-major: the inverse of their (slightly shrunk) covariance

    private final double[] precisionMean; // (20, 256): Σ⁻¹ μ_c, so that a picture's distance from each group costs one pass
    private final double[] meanPrecisionMean; // (20): μ_cᵀ Σ⁻¹ μ_c

    private Familiarity(TextImageNetwork model, double[] limits, float[] mean, float[] precision) {
        this.model = model;
        this.limits = limits;
        this.mean = mean;
        this.precision = precision;
        if (mean == null) {
            this.precisionMean = null;
            this.meanPrecisionMean = null;
            return;
        }
        int d = SceneJudge.FEATURES;
        this.precisionMean = new double[CLASSES * d];
        this.meanPrecisionMean = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            for (int j = 0; j < d; j++) {
                double row = 0;
                for (int k = 0; k < d; k++) {
                    row += precision[j * d + k] * mean[c * d + k];
                }
                precisionMean[c * d + j] = row;
                meanPrecisionMean[c] += mean[c * d + j] * row;
            }
        }
    }

    /** Fits the judge's feature distribution and the three limits on generated validation scenes (a few seconds). */
    public static Familiarity calibrate(TextImageNetwork model) {
        int n = CALIBRATION_SCENES;
        float[] mean = null;
        float[] precision = null;
        if (model.judge() != null) {
            ScenesDataset fit = ScenesDataset.generate(ScenesDataset.Split.VALIDATION, 0, n);
            float[] f = features(model.judge(), Tensor.of(fit.pixels(), n, 3, 32, 32));
            int d = SceneJudge.FEATURES;
            double[] mu = new double[CLASSES * d];
            int[] counts = new int[CLASSES];
            for (int i = 0; i < n; i++) {
                int c = classOf(fit.scene(i));
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    mu[c * d + j] += f[i * d + j];
                }
            }
            for (int c = 0; c < CLASSES; c++) {
                for (int j = 0; j < d; j++) {
                    mu[c * d + j] /= Math.max(1, counts[c]);
                }
            }
            DMatrixRMaj centred = new DMatrixRMaj(n, d);
            for (int i = 0; i < n; i++) {
                int c = classOf(fit.scene(i));
                for (int j = 0; j < d; j++) {
                    centred.set(i, j, f[i * d + j] - mu[c * d + j]);
                }
            }
            DMatrixRMaj cov = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransA(1.0 / (n - CLASSES), centred, centred, cov);
            // Features that never fire on scenes have no variance; a small ridge keeps Σ invertible.
            double ridge = 1e-5 * CommonOps_DDRM.trace(cov) / d + 1e-9;
            for (int j = 0; j < d; j++) {
                cov.add(j, j, ridge);
            }
            DMatrixRMaj inverse = new DMatrixRMaj(d, d);
            if (!CommonOps_DDRM.invert(cov, inverse)) {
                throw new IllegalStateException("the judge's feature covariance could not be inverted");
            }
            mean = new float[CLASSES * d];
            precision = new float[d * d];
            for (int j = 0; j < mean.length; j++) {
                mean[j] = (float) mu[j];
            }
            for (int k = 0; k < d * d; k++) {
                precision[k] = (float) inverse.data[k];
            }
        }
        double[] none = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        Familiarity unlimited = new Familiarity(model, none, mean, precision);
        ScenesDataset held = ScenesDataset.generate(ScenesDataset.Split.VALIDATION, n, n);
        double[][] scores = unlimited.scores(Tensor.of(held.pixels(), n, 3, 32, 32));
        double[] limits = new double[CHECKS.size()];
        for (int c = 0; c < limits.length; c++) {
            double[] v = scores[c].clone();
            Arrays.sort(v);
            // in float, as a model file keeps it, so that a stored calibration reads exactly as a fresh one
            limits[c] = Double.isNaN(v[0]) ? Double.NaN : (float) v[(int) Math.ceil(UPPER_QUANTILE * v.length) - 1];
        }
        return new Familiarity(model, limits, mean, precision);
    }

    /** The calibration as tensors under {@link #PREFIX}, for a model file. */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        float[] l = new float[limits.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) limits[i];
        }
        out.put(PREFIX + "limits", Tensor.of(l, Shape.of(l.length)));
        if (mean != null) {
            int d = SceneJudge.FEATURES;
            out.put(PREFIX + "mean", Tensor.of(mean.clone(), Shape.of(CLASSES, d)));
            out.put(PREFIX + "precision", Tensor.of(precision.clone(), Shape.of(d, d)));
        }
        return out;
    }

    /**
     * The calibration a model file keeps under {@link #PREFIX}, or null when it keeps none.
     *
     * @throws IllegalArgumentException when what it keeps does not fit this model
     */
    public static Familiarity fromTensors(TextImageNetwork model, Map<String, Tensor> tensors) {
        Tensor limits = tensors.get(PREFIX + "limits");
        if (limits == null) {
            return null;
        }
        Tensor m = tensors.get(PREFIX + "mean");
        Tensor p = tensors.get(PREFIX + "precision");
        int d = SceneJudge.FEATURES;
        if (limits.size() != CHECKS.size() || (model.judge() != null) != (m != null && p != null)
                || (m != null && (m.size() != CLASSES * d || p.size() != d * d))) {
            throw new IllegalArgumentException("the stored familiarity calibration does not fit this model");
        }
        double[] l = new double[CHECKS.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = limits.data()[i];
        }
        return new Familiarity(model, l, m == null ? null : m.data().clone(), p == null ? null : p.data().clone());
    }

    /** The limits in words: "rebuild_error ≤ 0.01804, code_cost ≤ 160.2, judge_feature_distance ≤ 426.0". */
    public String describeLimits() {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < limits.length; c++) {
            out.append(String.format(Locale.ROOT, "%s%s ≤ %.4g", c == 0 ? "" : ", ", CHECKS.get(c), limits[c]));
        }
        return out.toString();
    }

    /** The limit of each check of {@link #CHECKS} (NaN for the feature distance of a model without a judge). */
    public double[] limits() {
        return limits.clone();
    }

    /** One reading per picture of {@code images} (n, channels, 32, 32). */
    public Reading[] read(Tensor images) {
        double[][] scores = scores(images);
        Reading[] out = new Reading[images.dim(0)];
        for (int i = 0; i < out.length; i++) {
            List<Check> checks = new ArrayList<>();
            for (int c = 0; c < CHECKS.size(); c++) {
                checks.add(new Check(CHECKS.get(c), scores[c][i], limits[c]));
            }
            out[i] = new Reading(checks);
        }
        return out;
    }

    /** Each check's score of each picture: [check][picture]. */
    private double[][] scores(Tensor images) {
        double[] strange = new double[images.dim(0)];
        Arrays.fill(strange, Double.NaN);
        if (mean != null) {
            int d = SceneJudge.FEATURES;
            float[] f = features(model.judge(), images);
            double[] pf = new double[d]; // Σ⁻¹ f
            for (int i = 0; i < strange.length; i++) {
                // (f − μ)ᵀ Σ⁻¹ (f − μ) = f·Σ⁻¹f − f·Σ⁻¹μ − μ·Σ⁻¹f + μ·Σ⁻¹μ: one product with Σ⁻¹ per picture, not one per group
                double fpf = 0;
                for (int j = 0; j < d; j++) {
                    double row = 0;
                    for (int k = 0; k < d; k++) {
                        row += precision[j * d + k] * f[i * d + k];
                    }
                    pf[j] = row;
                    fpf += f[i * d + j] * row;
                }
                double nearest = Double.POSITIVE_INFINITY;
                for (int c = 0; c < CLASSES; c++) {
                    double cross = 0;
                    for (int j = 0; j < d; j++) {
                        cross += f[i * d + j] * precisionMean[c * d + j] + mean[c * d + j] * pf[j];
                    }
                    nearest = Math.min(nearest, fpf - cross + meanPrecisionMean[c]);
                }
                strange[i] = nearest;
            }
        }
        return new double[][] {rebuildErrors(model, images), codeCosts(model, images), strange};
    }

    private static double[] codeCosts(TextImageNetwork model, Tensor images) {
        int n = images.dim(0);
        int size = images.size() / Math.max(1, n);
        double[] out = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            float[] part = Arrays.copyOfRange(images.data(), from * size, (from + count) * size);
            double[] c = model.codeCost(Tensor.of(part, count, images.dim(1), images.dim(2), images.dim(3)));
            System.arraycopy(c, 0, out, from, count);
        }
        return out;
    }

    /** Each picture's mean squared rebuilding error per pixel value, in batches. */
    public static double[] rebuildErrors(TextImageNetwork model, Tensor images) {
        int n = images.dim(0);
        int size = images.size() / Math.max(1, n);
        double[] out = new double[n];
        float[] all = images.data();
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            float[] part = Arrays.copyOfRange(all, from * size, (from + count) * size);
            float[] rebuilt = model.rebuild(Tensor.of(part, count, images.dim(1), images.dim(2), images.dim(3)));
            for (int i = 0; i < count; i++) {
                double sq = 0;
                for (int j = i * size; j < (i + 1) * size; j++) {
                    double diff = rebuilt[j] - part[j];
                    sq += diff * diff;
                }
                out[from + i] = sq / size;
            }
        }
        return out;
    }

    private static float[] features(SceneJudge judge, Tensor images) {
        int n = images.dim(0);
        int size = images.size() / Math.max(1, n);
        float[] out = new float[n * SceneJudge.FEATURES];
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            float[] part = Arrays.copyOfRange(images.data(), from * size, (from + count) * size);
            float[] f = judge.features(Tensor.of(part, count, images.dim(1), images.dim(2), images.dim(3)));
            System.arraycopy(f, 0, out, from * SceneJudge.FEATURES, f.length);
        }
        return out;
    }
}
