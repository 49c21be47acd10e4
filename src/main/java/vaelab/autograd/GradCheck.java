package vaelab.autograd;

import java.util.function.Function;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Compares the gradients that backward computes with central finite differences.
 *
 * <p>The output y = f(inputs) may have any shape: the checker draws fixed random weights w and checks
 * the gradient of L = Σ wᵢ·yᵢ, which tests every output element's backward at once (a plain sum would
 * hide an error that moves gradient between elements, such as a transposed backward).
 *
 * <p><b>Why the tolerance is sound.</b> The numeric derivative is (L(x+h) − L(x−h)) / 2h, with f
 * evaluated in float32 and L summed in double. Its error has two parts:
 * <ul>
 *   <li>truncation, h²/6·|L'''|: with h = {@value #STEP} that is about 1.7·10⁻⁵·|L'''|, far below the
 *       relative tolerance for the smooth ops checked on inputs of order 1;</li>
 *   <li>rounding: each yᵢ carries a relative error of a few ε = 2⁻²³ (more after long sums), so L moves
 *       by at most about c·ε·S with S = Σ|wᵢ·yᵢ|, and dividing by 2h magnifies that by 1/2h.</li>
 * </ul>
 * A gradient passes when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|) with
 * rtol = {@value #RELATIVE_TOLERANCE} and atol = {@value #ABSOLUTE_TOLERANCE} + {@value #ROUNDING_FACTOR}·ε·S/h:
 * the rounding allowance is a generous multiple of its estimate, yet a backward that is wrong by a
 * factor (say ×2, an error of 100%) or that sends gradient to the wrong element is off by the size of
 * the gradient itself, far beyond 1%.
 *
 * <p><b>Kinks.</b> Where a step of h crosses a kink (a ReLU input within h of 0 somewhere inside a
 * network), the central difference averages two slopes and matches neither. Such an element is
 * accepted when the analytic gradient matches one of the one-sided differences (L(x+h) − L(x))/h or
 * (L(x) − L(x−h))/h instead: the slope on the side where x lies. A wrong backward matches neither.
 * At most {@value #MAX_KINK_FRACTION} of the checked elements may be passed this way, so a systematic
 * error cannot hide behind the rule. Single ops are checked on inputs kept away from their kinks.
 */
public final class GradCheck {
    public static final float STEP = 1e-2f;
    public static final double RELATIVE_TOLERANCE = 1e-2;
    public static final double ABSOLUTE_TOLERANCE = 1e-3;
    public static final double ROUNDING_FACTOR = 64;
    /** Elements per input checked at most; larger inputs are checked at a seeded sample of positions. */
    public static final int MAX_ELEMENTS = 256;
    /** The largest fraction of checked elements that may pass by a one-sided difference. */
    public static final double MAX_KINK_FRACTION = 0.1;
    private static final double EPSILON = Math.ulp(1f);

    private GradCheck() {
    }

    /** The outcome: whether every checked element passed, and the worst one. */
    public record Result(boolean passed, int checked, int kinks, double worstRatio, String worst) {
        /** Throws an {@link AssertionError} describing the worst element unless the check passed. */
        public Result orThrow() {
            if (!passed) {
                throw new AssertionError("gradient check failed: " + worst);
            }
            return this;
        }
    }

    /**
     * Checks the gradient of {@code f} with respect to each input that requires a gradient. The
     * inputs' values are perturbed in place and restored; their {@code grad}s are reset.
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Rng rng = new Rng(0x5EEDL);
        for (Tensor in : inputs) {
            in.zeroGrad();
        }
        Tensor y = f.apply(inputs);
        if (!y.requiresGrad()) {
            throw new IllegalArgumentException("the checked function's output does not require a gradient");
        }
        float[] w = new float[y.size()];
        double scale = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 2f * rng.nextFloat() - 1f;
            scale += Math.abs(w[i] * y.data()[i]);
        }
        y.backward(Tensor.of(w, y.shape()));
        double atol = ABSOLUTE_TOLERANCE + ROUNDING_FACTOR * EPSILON * scale / STEP;

        int checked = 0;
        int kinks = 0;
        double lZero = weightedSum(f, inputs, w);
        double worstRatio = 0;
        String worst = "none";
        boolean passed = true;
        for (int t = 0; t < inputs.length; t++) {
            Tensor in = inputs[t];
            if (!in.requiresGrad()) {
                continue;
            }
            float[] analytic = in.grad() == null ? new float[in.size()] : in.grad().clone();
            float[] x = in.data();
            for (int k : positions(in.size(), rng)) {
                float original = x[k];
                float plus = original + STEP;
                float minus = original - STEP;
                x[k] = plus;
                double lPlus = weightedSum(f, inputs, w);
                x[k] = minus;
                double lMinus = weightedSum(f, inputs, w);
                x[k] = original;
                double numeric = (lPlus - lMinus) / ((double) plus - (double) minus);
                double diff = Math.abs(analytic[k] - numeric);
                double allowed = atol + RELATIVE_TOLERANCE * Math.max(Math.abs(analytic[k]), Math.abs(numeric));
                double ratio = diff / allowed;
                checked++;
                if (!(diff <= allowed)) {
                    double right = (lPlus - lZero) / ((double) plus - original);
                    double left = (lZero - lMinus) / ((double) original - minus);
                    double oneSided = Math.min(Math.abs(analytic[k] - right), Math.abs(analytic[k] - left));
                    if (oneSided <= allowed) {
                        kinks++;
                        continue;
                    }
                }
                if (ratio > worstRatio || Double.isNaN(ratio)) {
                    worstRatio = ratio;
                    worst = String.format("input %d %s element %d: analytic %.6g, numeric %.6g (allowed difference %.3g)",
                            t, in.shape(), k, analytic[k], numeric, allowed);
                }
                if (!(diff <= allowed)) {
                    passed = false;
                }
            }
        }
        for (Tensor in : inputs) {
            in.zeroGrad();
        }
        if (kinks > MAX_KINK_FRACTION * checked) {
            passed = false;
            worst = kinks + " of " + checked + " elements matched only a one-sided difference; worst other: " + worst;
        }
        return new Result(passed, checked, kinks, worstRatio, worst);
    }

    private static double weightedSum(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] w) {
        try (GradMode.Scope off = GradMode.disable()) {
            float[] y = f.apply(inputs).data();
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += (double) w[i] * y[i];
            }
            return s;
        }
    }

    private static int[] positions(int size, Rng rng) {
        if (size <= MAX_ELEMENTS) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] sample = new int[MAX_ELEMENTS];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = rng.nextInt(size);
        }
        return sample;
    }
}
