package vaelab.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Tensor;

class OptimizerTest {
    static Tensor param(float... v) {
        return Tensor.of(v.clone(), v.length).requiresGrad(true);
    }

    static void setGrad(Tensor p, float... g) {
        System.arraycopy(g, 0, p.gradBuffer(), 0, g.length);
    }

    @Test
    void sgdWithMomentumByHand() {
        Tensor p = param(1f);
        Sgd sgd = new Sgd(List.of(p), 0.1f, 0.9f);
        setGrad(p, 2f);
        sgd.step(); // v = 2, p = 1 − 0.2 = 0.8
        assertThat(p.data()[0]).isCloseTo(0.8f, within(1e-7f));
        setGrad(p, 1f);
        sgd.step(); // v = 0.9·2 + 1 = 2.8, p = 0.8 − 0.28 = 0.52
        assertThat(p.data()[0]).isCloseTo(0.52f, within(1e-6f));
    }

    @Test
    void adamByHand() {
        Tensor p = param(1f, -2f);
        Adam adam = new Adam(List.of(p), 0.01f);
        setGrad(p, 0.5f, -4f);
        adam.step();
        // Step 1: m̂ = g and v̂ = g², so each parameter moves by lr·g/(|g| + ε) ≈ lr·sign(g).
        assertThat(p.data()[0]).isCloseTo(1f - 0.01f, within(1e-6f));
        assertThat(p.data()[1]).isCloseTo(-2f + 0.01f, within(1e-6f));
        setGrad(p, 0.1f, -4f);
        adam.step();
        // Step 2, for the first parameter, in double: m = 0.9·0.05 + 0.1·0.1 = 0.055; v = 0.999·0.00025 + 0.001·0.01.
        double m = 0.9 * 0.05 + 0.1 * 0.1;
        double v = 0.999 * 0.00025 + 0.001 * 0.01;
        double mHat = m / (1 - 0.81);
        double vHat = v / (1 - 0.999 * 0.999);
        double expected = (1 - 0.01) - 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
        assertThat((double) p.data()[0]).isCloseTo(expected, within(1e-6));
    }

    @Test
    void adamWDecaysWeightsEvenWithoutGradientSignal() {
        Tensor p = param(2f);
        Adam adamW = Adam.adamW(List.of(p), 0.1f, 0.5f);
        setGrad(p, 0f);
        adamW.step();
        // p ← p·(1 − lr·λ) − lr·0/(0 + ε) = 2·0.95
        assertThat(p.data()[0]).isCloseTo(1.9f, within(1e-6f));
    }

    @Test
    void adamMinimisesRosenbrock() {
        // f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1); a curved valley that plain SGD crawls along.
        Tensor p = param(-1.5f, 2f);
        Adam adam = new Adam(List.of(p), 0.02f);
        for (int i = 0; i < 20_000; i++) {
            float x = p.data()[0], y = p.data()[1];
            p.zeroGrad();
            setGrad(p, -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x));
            adam.step();
        }
        assertThat(p.data()[0]).isCloseTo(1f, within(0.01f));
        assertThat(p.data()[1]).isCloseTo(1f, within(0.02f));
    }

    @Test
    void sgdWithMomentumMinimisesRosenbrock() {
        Tensor p = param(-1.5f, 2f);
        Sgd sgd = new Sgd(List.of(p), 1e-4f, 0.9f);
        for (int i = 0; i < 50_000; i++) {
            float x = p.data()[0], y = p.data()[1];
            setGrad(p, -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x));
            sgd.step();
        }
        assertThat(p.data()[0]).isCloseTo(1f, within(0.02f));
        assertThat(p.data()[1]).isCloseTo(1f, within(0.04f));
    }

    @Test
    void clippingScalesToTheGlobalNorm() {
        Tensor a = param(0f, 0f);
        Tensor b = param(0f);
        setGrad(a, 3f, 0f);
        setGrad(b, 4f);
        double norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0);
        assertThat(norm).isEqualTo(5.0);
        assertThat(a.grad()).containsExactly(new float[] {0.6f, 0f}, within(1e-7f));
        assertThat(b.grad()).containsExactly(new float[] {0.8f}, within(1e-7f));
        // Below the bound nothing changes.
        assertThat(GradientClipping.clipGlobalNorm(List.of(a, b), 10.0)).isCloseTo(1.0, within(1e-6));
        assertThat(b.grad()[0]).isCloseTo(0.8f, within(1e-7f));
    }

    @Test
    void schedules() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1f, 10, 110, 0f);
        assertThat(s.rate(0)).isEqualTo(0.1f);
        assertThat(s.rate(9)).isEqualTo(1f);
        assertThat(s.rate(10)).isEqualTo(1f);
        assertThat(s.rate(60)).isCloseTo(0.5f, within(1e-6f));
        assertThat(s.rate(110)).isEqualTo(0f);
        LearningRateSchedule step = LearningRateSchedule.stepDecay(1f, 100, 0.5f);
        assertThat(step.rate(99)).isEqualTo(1f);
        assertThat(step.rate(100)).isEqualTo(0.5f);
        assertThat(step.rate(250)).isEqualTo(0.25f);
    }

    @Test
    void stableThenCosineKeepsThePeakUntilTheDecayAndDoesNotDependOnTheLengthBeforeIt() {
        LearningRateSchedule s = LearningRateSchedule.stableThenCosine(1f, 100, 200, 0f);
        assertThat(s.rate(0)).isEqualTo(1f);
        assertThat(s.rate(99)).isEqualTo(1f);
        assertThat(s.rate(100)).isEqualTo(1f);
        assertThat(s.rate(150)).isCloseTo(0.5f, within(1e-6f));
        assertThat(s.rate(199)).isBetween(0f, 0.001f);
        assertThat(s.rate(200)).isEqualTo(0f);
        assertThat(s.rate(500)).isEqualTo(0f);
        LearningRateSchedule longer = LearningRateSchedule.stableThenCosine(1f, 300, 400, 0f);
        for (long step = 0; step < 100; step++) {
            assertThat(longer.rate(step)).isEqualTo(s.rate(step));
        }
        for (long step = 101; step < 200; step++) {
            assertThat(s.rate(step)).isLessThan(s.rate(step - 1));
        }
    }

    @Test
    void stateRoundTripsAndResumesIdentically() {
        Tensor p1 = param(1f, 2f, 3f);
        Tensor p2 = param(1f, 2f, 3f);
        Adam a = new Adam(List.of(p1), 0.01f);
        setGrad(p1, 0.3f, -0.2f, 0.1f);
        a.step();
        a.step();
        Adam b = new Adam(List.of(p2), 0.01f);
        System.arraycopy(p1.data(), 0, p2.data(), 0, 3);
        b.loadState(a.state());
        assertThat(b.steps()).isEqualTo(2);
        setGrad(p2, 0.3f, -0.2f, 0.1f);
        a.step();
        b.step();
        assertThat(p2.data()).containsExactly(p1.data());
    }
}
