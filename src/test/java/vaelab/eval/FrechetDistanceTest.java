package vaelab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

class FrechetDistanceTest {
    private static float[] sample(Rng rng, int n, int d) {
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // Correlated features: each one leans on the one before.
                x[i * d + j] = rng.nextGaussian() + (j > 0 ? 0.5f * x[i * d + j - 1] : 0f);
            }
        }
        return x;
    }

    @Test
    void aSetIsAtDistanceZeroFromItself() {
        float[] a = sample(new Rng(1), 200, 5);
        assertThat(FrechetDistance.between(a, 200, a, 200, 5)).isCloseTo(0, Offset.offset(1e-8));
    }

    @Test
    void aShiftAddsItsSquaredLengthAndADoubledSpreadAddsTheTrace() {
        int n = 300;
        int d = 4;
        float[] a = sample(new Rng(2), n, d);
        float[] shifted = a.clone();
        float[] doubled = a.clone();
        double[] mean = new double[d];
        for (int i = 0; i < n * d; i++) {
            mean[i % d] += a[i] / n;
        }
        double trace = 0;
        for (int i = 0; i < n * d; i++) {
            shifted[i] += (i % d) + 1; // shift (1, 2, 3, 4): squared length 30
            doubled[i] = (float) (2 * (a[i] - mean[i % d]) + mean[i % d]);
            trace += (a[i] - mean[i % d]) * (a[i] - mean[i % d]) / (n - 1);
        }
        assertThat(FrechetDistance.between(a, n, shifted, n, d)).isCloseTo(30, Offset.offset(1e-3));
        // Σ₂ = 4Σ₁: Tr(Σ₁ + 4Σ₁ − 2·2Σ₁) = Tr Σ₁.
        assertThat(FrechetDistance.between(a, n, doubled, n, d)).isCloseTo(trace, Offset.offset(1e-3 * trace));
    }

    @Test
    void itIsSymmetricAndGrowsWithTheDifference() {
        Rng rng = new Rng(3);
        float[] a = sample(rng, 150, 3);
        float[] b = sample(rng, 120, 3);
        double ab = FrechetDistance.between(a, 150, b, 120, 3);
        assertThat(FrechetDistance.between(b, 120, a, 150, 3)).isCloseTo(ab, Offset.offset(1e-6 + 1e-6 * ab));
        float[] far = b.clone();
        for (int i = 0; i < far.length; i++) {
            far[i] += 3;
        }
        assertThat(FrechetDistance.between(a, 150, far, 120, 3)).isGreaterThan(ab);
        assertThatThrownBy(() -> FrechetDistance.between(a, 1, b, 120, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
