package vaelab.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vaelab.tensor.Tensor;

/** Inputs of ±1e4 must give finite values and gradients where the losses are used. */
class StabilityTest {
    static final float[] EXTREMES = {-1e4f, -100f, 0f, 100f, 1e4f};

    static Tensor extremes() {
        return Tensor.of(EXTREMES.clone(), EXTREMES.length).requiresGrad(true);
    }

    static void assertFinite(float[] values) {
        for (float v : values) {
            assertThat(Float.isFinite(v)).as("value %s", v).isTrue();
        }
    }

    @Test
    void logSoftmax() {
        Tensor x = extremes();
        Tensor y = Softmax.logSoftmax(x, 0);
        assertFinite(y.data());
        assertThat(y.data()[4]).isEqualTo(0f); // the largest logit takes all the mass
        Reductions.sum(y).backward();
        assertFinite(x.grad());
    }

    @Test
    void softmax() {
        Tensor x = extremes();
        Tensor y = Softmax.softmax(x, 0);
        assertFinite(y.data());
        assertThat(y.data()[4]).isEqualTo(1f);
        Arithmetic.mul(y, y).backward(Tensor.ones(5));
        assertFinite(x.grad());
    }

    @Test
    void bceWithLogits() {
        Tensor x = extremes();
        Tensor t = Tensor.of(new float[] {1, 0, 0.5f, 1, 0}, 5);
        Tensor loss = Losses.bceWithLogits(x, t, Reduction.NONE);
        assertFinite(loss.data());
        // logit −1e4 with target 1 costs 1e4 nats; logit 1e4 with target 0 also.
        assertThat(loss.data()[0]).isCloseTo(1e4f, within(1e-2f));
        assertThat(loss.data()[4]).isCloseTo(1e4f, within(1e-2f));
        assertThat(loss.data()[3]).isEqualTo(0f);
        Reductions.sum(loss).backward();
        assertFinite(x.grad());
        assertThat(x.grad()).containsExactly(new float[] {-1f, 0f, 0f, 0f, 1f}, within(1e-30f));
    }

    @Test
    void softplus() {
        Tensor x = extremes();
        Tensor y = Activations.softplus(x);
        assertFinite(y.data());
        assertThat(y.data()[4]).isEqualTo(1e4f);
        assertThat(y.data()[0]).isEqualTo(0f);
        Reductions.sum(y).backward();
        // σ(−100) ≈ 3.7·10⁻⁴⁴ is a subnormal float, not 0.
        assertThat(x.grad()).containsExactly(new float[] {0f, 0f, 0.5f, 1f, 1f}, within(1e-30f));
    }

    @Test
    void klDivergence() {
        Tensor mu = extremes();
        Tensor logvar = extremes();
        Tensor kl = KlDivergence.standardNormal(mu, logvar, Reduction.SUM);
        assertThat(Float.isFinite(kl.item())).isTrue();
        kl.backward();
        assertFinite(mu.grad());
        assertFinite(logvar.grad());
        // Above the limit the gradient still pushes logvar down.
        assertThat(logvar.grad()[4]).isPositive();
    }

    @Test
    void crossEntropy() {
        Tensor x = Tensor.of(EXTREMES.clone(), 1, 5).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(x, new int[] {0}, Reduction.SUM);
        assertThat(loss.item()).isCloseTo(2e4f, within(1f));
        loss.backward();
        assertFinite(x.grad());
    }
}
