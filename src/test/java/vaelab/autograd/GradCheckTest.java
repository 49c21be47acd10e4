package vaelab.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vaelab.tensor.Gemm;
import vaelab.tensor.Rng;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/** The checker itself: it must pass correct backwards and catch wrong ones. */
class GradCheckTest {
    /** y = x³ with a backward that is right, or scaled by {@code factor}. */
    static Tensor cube(Tensor a, float factor) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * x[i] * x[i];
        }
        return Tensor.fromOp("cube", y, a.shape(), g -> {
            float[] ga = a.gradBuffer();
            for (int i = 0; i < x.length; i++) {
                ga[i] += factor * g[i] * 3 * x[i] * x[i]; // d(x³)/dx = 3x²
            }
        }, a);
    }

    /** y = W·x for a (3, 4) matrix W; the correct backward is dx = Wᵀ·dy, the wrong one uses W's storage as if it were Wᵀ. */
    static Tensor linear(Tensor w, Tensor x, boolean transposeBug) {
        float[] y = new float[3];
        Gemm.nn(3, 1, 4, w.data(), 0, x.data(), 0, y, 0, false);
        return Tensor.fromOp("linear", y, Shape.of(3, 1), g -> {
            if (transposeBug) {
                // Reads W (3×4) as if it were Wᵀ (4×3) stored row-major: a classic layout mistake.
                Gemm.nn(4, 1, 3, w.data(), 0, g, 0, x.gradBuffer(), 0, true);
            } else {
                Gemm.tn(4, 1, 3, w.data(), 0, g, 0, x.gradBuffer(), 0, true);
            }
        }, x);
    }

    @Test
    void passesACorrectBackward() {
        Tensor x = Tensor.randn(new Rng(1), 3, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> cube(in[0], 1f), x);
        assertThat(r.passed()).isTrue();
        assertThat(r.checked()).isEqualTo(12);
    }

    @Test
    void catchesAGradientScaledByTwo() {
        Tensor x = Tensor.randn(new Rng(1), 3, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> cube(in[0], 2f), x);
        assertThat(r.passed()).isFalse();
        assertThatThrownBy(r::orThrow).isInstanceOf(AssertionError.class).hasMessageContaining("analytic");
    }

    @Test
    void catchesATransposedBackward() {
        Rng rng = new Rng(2);
        Tensor w = Tensor.randn(rng, 3, 4);
        Tensor x = Tensor.randn(rng, 4, 1).requiresGrad(true);
        assertThat(GradCheck.check(in -> linear(w, in[0], false), x).passed()).isTrue();
        assertThat(GradCheck.check(in -> linear(w, in[0], true), x).passed()).isFalse();
    }

    @Test
    void catchesABackwardThatSendsGradientToTheWrongElement() {
        // y = x[0]·x[1] with the two partial derivatives swapped.
        Tensor x = Tensor.of(new float[] {0.5f, 2f}, 2).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> {
            float[] v = in[0].data();
            return Tensor.fromOp("swapped", new float[] {v[0] * v[1]}, Shape.scalar(), g -> {
                in[0].gradBuffer()[0] += g[0] * v[0];
                in[0].gradBuffer()[1] += g[0] * v[1];
            }, in[0]);
        }, x);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void acceptsAKinkOnlyByTheSlopeOnItsSide() {
        // relu at 0.004: the step of 0.01 crosses the kink, so the central difference is ~0.7, not 1.
        Tensor x = Tensor.of(new float[] {0.004f, 1f, -1f, 2f, -2f, 0.5f, -0.5f, 1.5f, -1.5f, 0.8f, -0.8f}, 11).requiresGrad(true);
        GradCheck.Result ok = GradCheck.check(in -> Activations.relu(in[0]), x);
        assertThat(ok.passed()).isTrue();
        assertThat(ok.kinks()).isEqualTo(1);
        // A backward that halves the slope matches neither side.
        GradCheck.Result wrong = GradCheck.check(in -> {
            float[] v = in[0].data();
            float[] y = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                y[i] = Math.max(v[i], 0f);
            }
            return Tensor.fromOp("halfRelu", y, in[0].shape(), g -> {
                for (int i = 0; i < v.length; i++) {
                    in[0].gradBuffer()[i] += v[i] > 0 ? 0.5f * g[i] : 0f;
                }
            }, in[0]);
        }, x);
        assertThat(wrong.passed()).isFalse();
    }

    @Test
    void tooManyKinksFail() {
        // Every element sits within a step of relu's kink: one-sided passes cannot vouch for the backward.
        Tensor x = Tensor.of(new float[] {0.003f, -0.004f, 0.002f, -0.001f}, 4).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> Activations.relu(in[0]), x);
        assertThat(r.passed()).isFalse();
        assertThat(r.worst()).contains("one-sided");
    }

    @Test
    void restoresInputsAndClearsGradients() {
        Tensor x = Tensor.randn(new Rng(3), 5).requiresGrad(true);
        float[] before = x.data().clone();
        GradCheck.check(in -> UnaryMath.exp(in[0]), x);
        assertThat(x.data()).containsExactly(before);
        assertThat(x.grad()).containsOnly(0f);
    }
}
