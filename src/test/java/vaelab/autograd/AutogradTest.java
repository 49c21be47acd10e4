package vaelab.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vaelab.autograd.Arithmetic.add;
import static vaelab.autograd.Arithmetic.mul;
import static vaelab.autograd.Reductions.sum;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import vaelab.tensor.GradMode;
import vaelab.tensor.Tensor;

class AutogradTest {
    @Test
    void aTensorUsedTwiceAccumulatesBothGradients() {
        // y = x·x + x  →  dy/dx = 2x + 1
        Tensor x = Tensor.of(new float[] {3f, -2f}, 2).requiresGrad(true);
        sum(add(mul(x, x), x)).backward();
        assertThat(x.grad()).containsExactly(7f, -3f);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        sum(mul(x, 3f)).backward();
        sum(mul(x, 3f)).backward();
        assertThat(x.grad()).containsExactly(6f, 6f);
        x.zeroGrad();
        assertThat(x.grad()).containsExactly(0f, 0f);
    }

    @Test
    void aDiamondGraphVisitsTheSharedNodeOnce() {
        // h = 2x; y = h·h + h  →  dy/dx = (2h + 1)·2 = 8x + 2
        Tensor x = Tensor.of(new float[] {1.5f}, 1).requiresGrad(true);
        Tensor h = mul(x, 2f);
        sum(add(mul(h, h), h)).backward();
        assertThat(x.grad()).containsExactly(14f);
    }

    @Test
    void noGradModeBuildsNoGraph() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor y;
        try (GradMode.Scope off = GradMode.disable()) {
            y = sum(mul(x, x));
            assertThat(GradMode.isEnabled()).isFalse();
        }
        assertThat(GradMode.isEnabled()).isTrue();
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.inputs()).isEmpty();
        assertThatThrownBy(y::backward).hasMessageContaining("GradMode");
    }

    @Test
    void theGraphIsReleasedAfterBackward() {
        Tensor x = Tensor.ones(1000).requiresGrad(true);
        Tensor h = mul(x, x);
        WeakReference<float[]> intermediate = new WeakReference<>(h.data());
        Tensor loss = sum(h);
        h = null;
        loss.backward();
        assertThat(loss.inputs()).isEmpty();
        // Nothing reachable from the loss holds the intermediate any more.
        for (int i = 0; i < 20 && intermediate.get() != null; i++) {
            System.gc();
        }
        assertThat(intermediate.get()).isNull();
    }

    @Test
    void aVeryDeepGraphDoesNotOverflowTheStack() {
        Tensor x = Tensor.of(new float[] {1f}, 1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = add(y, 0.5f);
        }
        sum(y).backward();
        assertThat(x.grad()).containsExactly(1f);
    }

    @Test
    void backwardNeedsAScalarOrAGradient() {
        Tensor x = Tensor.ones(2, 2).requiresGrad(true);
        Tensor y = mul(x, 2f);
        assertThatThrownBy(y::backward).hasMessageContaining("(2, 2)");
        y.backward(Tensor.ones(2, 2));
        assertThat(x.grad()).containsOnly(2f);
    }

    @Test
    void inputsThatDoNotRequireGradGetNone() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor c = Tensor.ones(2);
        sum(mul(x, c)).backward();
        assertThat(c.grad()).isNull();
        assertThat(x.grad()).containsExactly(1f, 1f);
    }

    @Test
    void detachStopsTheGradient() {
        Tensor x = Tensor.of(new float[] {2f}, 1).requiresGrad(true);
        // y = x · stopgrad(x)  →  dy/dx = stopgrad(x) = 2
        sum(mul(x, x.detach())).backward();
        assertThat(x.grad()).containsExactly(2f);
    }

    @Test
    void trainingLoopsDoNotGrowMemory() {
        // Many steps of forward + backward on a persistent parameter: each step's graph must be
        // collectable, or the heap would grow by ~4 MB per step and this would run out of memory.
        Tensor w = Tensor.ones(1_000_000).requiresGrad(true);
        Runtime rt = Runtime.getRuntime();
        long baseline = 0;
        for (int step = 0; step < 200; step++) {
            w.zeroGrad();
            sum(mul(mul(w, w), 0.5f)).backward();
            if (step == 20) {
                System.gc();
                baseline = rt.totalMemory() - rt.freeMemory();
            }
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(after - baseline).isLessThan(100L << 20);
        assertThat(w.grad()[0]).isEqualTo(1f);
    }
}
