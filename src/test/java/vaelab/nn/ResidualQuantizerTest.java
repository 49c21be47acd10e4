package vaelab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vaelab.autograd.Arithmetic;
import vaelab.autograd.Reductions;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** Residual codes: each level quantises what the ones before left; one level is a plain VectorQuantizer. */
class ResidualQuantizerTest {
    private static void setLevel(ResidualQuantizer q, int level, float[] entries) {
        VectorQuantizer v = q.level(level);
        System.arraycopy(entries, 0, v.state().get("codebook").data(), 0, entries.length);
        v.state().get("initialised").data()[0] = 1f;
        java.util.Arrays.fill(v.state().get("counts").data(), 5f);
    }

    @Test
    void twoLevelsQuantiseTheVectorThenWhatTheFirstLeftAndSumTheirEntries() {
        ResidualQuantizer q = new ResidualQuantizer(2, 3, 2, 0.9f, new Rng(1));
        setLevel(q, 0, new float[] {0, 0, 1, 0, 0, 1});
        setLevel(q, 1, new float[] {0, 0, 0.25f, 0, 0, -0.25f});
        q.eval();
        // Vectors (1.2, 0.1) → level 0: (1, 0), left (0.2, 0.1) → (0.25, 0); (0.1, 0.7) → (0, 1), left (0.1, −0.3) → (0, −0.25).
        Tensor z = Tensor.of(new float[] {1.2f, 0.1f, 0.1f, 0.7f}, 1, 2, 1, 2).requiresGrad(true);
        VectorQuantizer.Quantized out = q.forward(z);
        assertThat(out.codes()).containsExactly(1, 1, 2, 2); // a cell's levels together
        assertThat(out.vectors().data()).containsExactly(1.25f, 0f, 0f, 0.75f); // (N, D, h, w): channel 0 of both cells, then 1
        assertThat(q.nearest(new float[] {1.2f, 0.1f, 0.1f, 0.7f})).containsExactly(1, 1, 2, 2);
        assertThat(q.lookup(new int[] {1, 1, 2, 2})).containsExactly(1.25f, 0f, 0f, 0.75f);
        assertThat(q.acrossLevels(new int[] {1, 1, 2, 2})).containsExactly(1, 3 + 1, 2, 3 + 2); // level 1's entries after level 0's 3
        // Commitment: the distance of z to the sum of its entries, mean over the four values.
        float expected = (0.05f * 0.05f + 0.1f * 0.1f + 0.1f * 0.1f + 0.05f * 0.05f) / 4;
        assertThat(out.commitment().item()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6f));
        // Straight through: the gradient reaches z as it is.
        Reductions.sum(Arithmetic.mul(out.vectors(), Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 1, 2))).backward();
        assertThat(z.grad()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void oneLevelGivesVectorQuantizersCodesVectorsLossAndCodebookBitForBit() {
        Rng data = new Rng(7);
        ResidualQuantizer residual = new ResidualQuantizer(1, 16, 4, 0.9f, new Rng(3));
        VectorQuantizer plain = new VectorQuantizer(16, 4, 0.9f, new Rng(3));
        for (int step = 0; step < 5; step++) {
            Tensor z = Tensor.randn(data, 3, 4, 2, 2);
            VectorQuantizer.Quantized a = residual.forward(z);
            VectorQuantizer.Quantized b = plain.forward(z);
            assertThat(a.codes()).containsExactly(b.codes());
            assertThat(a.vectors().data()).containsExactly(b.vectors().data());
            assertThat(a.commitment().item()).isEqualTo(b.commitment().item());
        }
        assertThat(residual.level(0).state().get("codebook").data()).containsExactly(plain.state().get("codebook").data());
    }

    @Test
    void inTrainingEachLevelLearnsFromTheResidualsItIsGivenAndNearestMovesNothing() {
        ResidualQuantizer q = new ResidualQuantizer(2, 4, 2, 0.5f, new Rng(5));
        Tensor z = Tensor.randn(new Rng(6), 8, 2, 2, 2);
        q.forward(z); // the first training batch initialises both levels
        float[] first = q.level(0).state().get("codebook").data().clone();
        float[] second = q.level(1).state().get("codebook").data().clone();
        q.nearest(Tensor.randn(new Rng(8), 16, 2).data());
        assertThat(q.isTraining()).isTrue();
        assertThat(q.level(0).state().get("codebook").data()).containsExactly(first);
        assertThat(q.level(1).state().get("codebook").data()).containsExactly(second);
        q.forward(z);
        assertThat(q.level(1).state().get("codebook").data()).isNotEqualTo(second);
        // The second level was set from residuals, which are smaller than the vectors themselves.
        assertThat(norm(second)).isLessThan(norm(first));
    }

    @Test
    void codesThatDoNotFillWholeCellsAreRefused() {
        ResidualQuantizer q = new ResidualQuantizer(2, 4, 2, 0.5f, new Rng(5));
        assertThatThrownBy(() -> q.lookup(new int[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 levels");
        assertThatThrownBy(() -> q.vectors(new int[4], 1, 2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResidualQuantizer(0, 4, 2, 0.5f, new Rng(5))).isInstanceOf(IllegalArgumentException.class);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
