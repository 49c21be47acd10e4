package vaelab.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

class PixelMixtureTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Test
    void oneComponentIsTheGaussianOfEachChannelSummedOverThePixel() {
        Rng rng = new Rng(1);
        Tensor params = Tensor.randn(rng, 2, 4, 3, 5); // 1 mixture logit + 3 mean logits
        Tensor images = Tensor.uniform(rng, 0f, 1f, 2, 3, 3, 5);
        float sigma = 0.2f;
        float[] mixture = PixelMixture.nll(params, images, 1, sigma, Reduction.NONE).data();
        float[] logits = new float[2 * 3 * 15];
        for (int i = 0; i < 2; i++) {
            System.arraycopy(params.data(), (i * 4 + 1) * 15, logits, i * 3 * 15, 3 * 15);
        }
        Tensor mean = Activations.sigmoid(Tensor.of(logits, 2, 3, 3, 5));
        float[] gaussian = Losses.gaussianNll(images, mean, Tensor.scalar((float) (2 * Math.log(sigma))), Reduction.NONE).data();
        for (int i = 0; i < 2; i++) {
            for (int q = 0; q < 15; q++) {
                float sum = 0;
                for (int c = 0; c < 3; c++) {
                    sum += gaussian[(i * 3 + c) * 15 + q];
                }
                assertThat(mixture[i * 15 + q]).isCloseTo(sum, within(1e-3f));
            }
        }
    }

    @Test
    void twoColoursByHand() {
        // One grey pixel, components at μ = σ(0) = 0.5 and σ(2) with weights softmax(ln 3, 0) = (3/4, 1/4).
        Tensor params = Tensor.of(new float[] {(float) Math.log(3), 0, 0, 2}, 1, 4, 1, 1);
        Tensor image = Tensor.of(new float[] {0.6f}, 1, 1, 1, 1);
        double sigma = 0.5;
        double mu2 = 1 / (1 + Math.exp(-2));
        double n1 = Math.exp(-Math.pow(0.6 - 0.5, 2) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
        double n2 = Math.exp(-Math.pow(0.6 - mu2, 2) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
        double expected = -Math.log(0.75 * n1 + 0.25 * n2);
        assertThat(PixelMixture.nll(params, image, 2, (float) sigma, Reduction.SUM).item()).isCloseTo((float) expected, within(1e-5f));
        assertThat(PixelMixture.mean(params.data(), 1, 2, 1, 1, 1)[0]).isCloseTo((float) (0.75 * 0.5 + 0.25 * mu2), within(1e-6f));
    }

    @Property(tries = 60)
    void aMixtureIsNeverLessLikelyThanItsLikeliestComponentAlone(@ForAll @IntRange(min = 1, max = 4) int k,
                                                                 @ForAll @FloatRange(min = 0.05f, max = 2f) float sigma,
                                                                 @ForAll @IntRange(min = 0, max = 1000) int seed) {
        // −log Σ π_j N_j ≤ −log π_k − log N_k for every k: the mixture pays at most the price of choosing.
        Rng rng = new Rng(seed);
        Tensor params = Tensor.randn(rng, 1, k * 4, 2, 2);
        Tensor images = Tensor.uniform(rng, 0f, 1f, 1, 3, 2, 2);
        float[] nll = PixelMixture.nll(params, images, k, sigma, Reduction.NONE).data();
        float[] p = params.data();
        for (int q = 0; q < 4; q++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, p[j * 4 + q]);
            }
            double z = 0;
            for (int j = 0; j < k; j++) {
                z += Math.exp(p[j * 4 + q] - max);
            }
            for (int j = 0; j < k; j++) {
                double logPi = p[j * 4 + q] - max - Math.log(z);
                double logN = 0;
                for (int c = 0; c < 3; c++) {
                    double d = images.data()[c * 4 + q] - Activations.sigmoid(p[(k + j * 3 + c) * 4 + q]);
                    logN += -d * d / (2.0 * sigma * sigma) - Math.log(sigma) - 0.5 * LOG_2PI;
                }
                assertThat((double) nll[q]).isLessThanOrEqualTo(-(logPi + logN) + 1e-3 * Math.max(1, Math.abs(logPi + logN)));
            }
            assertThat(Float.isFinite(nll[q])).isTrue();
        }
    }

    @Test
    void drawsPickEachComponentAsOftenAsItsWeight() {
        // 4,000 pixels, components black and white with weights 0.8 and 0.2 (logits ln 4 and 0).
        int pixels = 4000;
        float[] p = new float[4 * pixels];
        for (int q = 0; q < pixels; q++) {
            p[q] = (float) Math.log(4);
            p[pixels + q] = 0;
            p[2 * pixels + q] = -30; // component 1: σ(−30) ≈ 0
            p[3 * pixels + q] = 30; // component 2: σ(30) ≈ 1
        }
        float[] drawn = PixelMixture.draw(p, 1, 2, 1, 40, 100, new Rng(5));
        int white = 0;
        for (float v : drawn) {
            assertThat(v < 1e-6f || v > 1 - 1e-6f).as("a draw takes one component's colour, not a blend").isTrue();
            white += v > 0.5f ? 1 : 0;
        }
        // Binomial(4000, 0.2): mean 800, sd 25.3; 4 sd either side.
        assertThat(white).isBetween(700, 900);
        assertThat(PixelMixture.draw(p, 1, 2, 1, 40, 100, new Rng(5))).containsExactly(drawn);
        assertThat(PixelMixture.mean(p, 1, 2, 1, 40, 100)[0]).isCloseTo(0.2f, within(1e-5f));
    }

    @Test
    void parametersThatDoNotFitThePicturesAreRefused() {
        Tensor images = Tensor.zeros(1, 3, 2, 2);
        assertThatThrownBy(() -> PixelMixture.nll(Tensor.zeros(1, 8, 2, 2), images, 3, 0.1f, Reduction.SUM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1, 8, 2, 2)").hasMessageContaining("3 components");
        assertThatThrownBy(() -> PixelMixture.nll(Tensor.zeros(1, 12, 2, 2), images, 3, 0f, Reduction.SUM))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
