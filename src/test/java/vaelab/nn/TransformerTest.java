package vaelab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vaelab.autograd.Attention;
import vaelab.autograd.Shaping;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** What attention promises beyond its gradient: masks that hide, and a cache that changes nothing. */
class TransformerTest {
    @Test
    void aCausalQuerySeesNoLaterKeyAndAMaskedKeyIsNeverSeen() {
        Rng rng = new Rng(1);
        Tensor q = Tensor.randn(rng, 1, 1, 3, 2);
        Tensor k = Tensor.randn(rng, 1, 1, 3, 2);
        Tensor v = Tensor.of(new float[] {1, 10, 2, 20, 3, 30}, 1, 1, 3, 2);
        Tensor o = Attention.scaledDotProduct(q, k, v, true, null);
        // Query 0 sees key 0 alone: its output is value 0 exactly.
        assertThat(o.get(0, 0, 0, 0)).isEqualTo(1f);
        assertThat(o.get(0, 0, 0, 1)).isEqualTo(10f);
        // Masking key 1 away: query 1 sees key 0 alone, query 2 keys 0 and 2.
        Tensor masked = Attention.scaledDotProduct(q, k, v, true, new boolean[] {true, false, true});
        assertThat(masked.get(0, 0, 1, 0)).isEqualTo(1f);
        float w = (masked.get(0, 0, 2, 0) - 1f) / 2f; // weight of value 2 = (o − 1)/(3 − 1)
        assertThat(masked.get(0, 0, 2, 1)).isCloseTo(10f + 20f * w, org.assertj.core.data.Offset.offset(1e-4f));
        // A query that sees no key gets zeros, not NaN.
        Tensor none = Attention.scaledDotProduct(q, k, v, false, new boolean[] {false, false, false});
        for (float x : none.data()) {
            assertThat(x).isZero();
        }
    }

    @Test
    void attentionWeightsOfEachQuerySumToOne() {
        Rng rng = new Rng(2);
        Tensor q = Tensor.randn(rng, 2, 3, 5, 4);
        Tensor k = Tensor.randn(rng, 2, 3, 5, 4);
        // With every value 1, the output is the sum of the weights.
        Tensor o = Attention.scaledDotProduct(q, k, Tensor.ones(2, 3, 5, 4), true, null);
        for (float x : o.data()) {
            assertThat(x).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void feedingOnePositionAtATimeThroughTheCacheGivesTheFullForwardsOutputs() {
        Rng rng = new Rng(3);
        int b = 2;
        int t = 7;
        int c = 8;
        TransformerBlock first = new TransformerBlock(c, 2, 0.1f, rng);
        TransformerBlock second = new TransformerBlock(c, 2, 0.1f, rng);
        first.eval();
        second.eval();
        Tensor x = Tensor.randn(rng, b, t, c);
        boolean[] keep = new boolean[b * t];
        java.util.Arrays.fill(keep, true);
        keep[1] = false; // a padding position in the first sequence
        keep[t + 3] = false;
        try (GradMode.Scope ignored = GradMode.disable()) {
            Tensor full = second.forward(first.forward(x, keep, null), keep, null);
            KvCache c1 = first.attention().newCache(b, t);
            KvCache c2 = second.attention().newCache(b, t);
            // The first three positions at once (a prompt), then one at a time.
            int[] cuts = {0, 3, 4, 5, 6, 7};
            for (int s = 0; s + 1 < cuts.length; s++) {
                int from = cuts[s];
                int to = cuts[s + 1];
                Tensor part = Shaping.slice(x, 1, from, to);
                boolean[] partKeep = new boolean[b * (to - from)];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(keep, i * t + from, partKeep, i * (to - from), to - from);
                }
                Tensor y = second.forward(first.forward(part, partKeep, c1), partKeep, c2);
                for (int i = 0; i < b; i++) {
                    for (int p = from; p < to; p++) {
                        for (int j = 0; j < c; j++) {
                            assertThat(y.get(i, p - from, j)).as("sequence %d position %d", i, p)
                                    .isCloseTo(full.get(i, p, j), org.assertj.core.data.Offset.offset(1e-5f));
                        }
                    }
                }
            }
            assertThat(c1.length()).isEqualTo(t);
            assertThatThrownBy(() -> first.forward(Shaping.slice(x, 1, 0, 1), null, c1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 7 positions");
        }
    }

    @Test
    void aWidthThatTheHeadsDoNotDivideIsRefused() {
        assertThatThrownBy(() -> new MultiHeadAttention(6, 4, true, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisible");
    }
}
