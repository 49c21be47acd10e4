package vaelab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vaelab.autograd.Arithmetic;
import vaelab.autograd.Reductions;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** The quantiser's nearest codes, its straight-through gradient, its moving averages and its restarts. */
class VectorQuantizerTest {
    private static VectorQuantizer withCodebook(float decay, float[] entries) {
        VectorQuantizer q = new VectorQuantizer(entries.length / 2, 2, decay, new Rng(1));
        System.arraycopy(entries, 0, q.state().get("codebook").data(), 0, entries.length);
        q.state().get("initialised").data()[0] = 1f;
        java.util.Arrays.fill(q.state().get("counts").data(), 5f);
        return q;
    }

    @Test
    void eachVectorTakesItsNearestEntryTheLowestOnATie() {
        VectorQuantizer q = withCodebook(0.9f, new float[] {0, 0, 1, 0, 0, 1, 1, 0});
        int[] k = q.nearest(new float[] {0.1f, -0.1f, 0.9f, 0.2f, 0.2f, 0.7f, 0.5f, 0.5f, 2f, 0f});
        // (0.5, 0.5) is 0.5 (squared) from every entry: the tie goes to entry 0. (2, 0) is nearest to (1, 0),
        // which entries 1 and 3 both are: entry 1.
        assertThat(k).containsExactly(0, 1, 2, 0, 1);
    }

    @Test
    void inEvaluationTheOutputIsTheEntriesAndTheGradientPassesStraightThrough() {
        VectorQuantizer q = withCodebook(0.9f, new float[] {0, 0, 1, 0, 0, 1, 1, 1});
        q.eval();
        // Two pictures of a 1×2 grid, channels first: (N, D, h, w) = (2, 2, 1, 2).
        Tensor z = Tensor.of(new float[] {0.9f, 0.1f, 0.1f, 0.8f, 1.2f, -0.1f, 0.9f, 0.2f}, 2, 2, 1, 2).requiresGrad(true);
        VectorQuantizer.Quantized out = q.forward(z);
        // Vectors (0.9, 0.1) → 1, (0.1, 0.8) → 2, (1.2, 0.9) → 3, (−0.1, 0.2) → 0.
        assertThat(out.codes()).containsExactly(1, 2, 3, 0);
        assertThat(out.vectors().data()).containsExactly(1, 0, 0, 1, 1, 0, 1, 0);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 1, 2);
        Reductions.sum(Arithmetic.mul(out.vectors(), w)).backward();
        assertThat(z.grad()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        // The codebook did not move in evaluation.
        assertThat(q.state().get("codebook").data()).containsExactly(0, 0, 1, 0, 0, 1, 1, 1);
    }

    @Test
    void commitmentIsTheMeanSquaredDistanceToTheChosenEntries() {
        VectorQuantizer q = withCodebook(0.9f, new float[] {0, 0, 1, 0});
        q.eval();
        Tensor z = Tensor.of(new float[] {0.2f, 0.4f, 0.9f, 0.1f}, 2, 2, 1, 1); // vectors (0.2, 0.4) → 0, (0.9, 0.1) → 1
        float expected = (0.2f * 0.2f + 0.4f * 0.4f + 0.1f * 0.1f + 0.1f * 0.1f) / 4;
        assertThat(q.forward(z).commitment().item()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void inTrainingAnEntryMovesToTheMovingAverageOfItsVectors() {
        VectorQuantizer q = withCodebook(0.5f, new float[] {0, 0, 10, 10});
        q.state().get("counts").data()[0] = 2f;
        q.state().get("counts").data()[1] = 2f;
        q.state().get("sums").data()[2] = 20f; // S_1 = N_1 · e_1
        q.state().get("sums").data()[3] = 20f;
        q.train();
        // Two vectors near entry 0 and none near entry 1.
        q.forward(Tensor.of(new float[] {1, 3, 1, 1}, 1, 2, 1, 2));
        // N_0 = ½·2 + ½·2 = 2, S_0 = ½·0 + ½·(4, 2) = (2, 1): e_0 = S_0 / N_0 (smoothing changes it by < 1e-5).
        float[] e = q.state().get("codebook").data();
        assertThat(e[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(e[1]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(1e-4f));
        // Entry 1's count halves to 1, not below the restart line: it keeps its place.
        assertThat(q.state().get("counts").data()[1]).isEqualTo(1f);
        assertThat(e[2]).isCloseTo(10f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void anEntryNobodyUsesIsRestartedAtAVectorOfTheBatch() {
        VectorQuantizer q = withCodebook(0.5f, new float[] {0, 0, 10, 10});
        q.state().get("counts").data()[1] = 1.5f; // ½·1.5 = 0.75 < 1 after one unused batch
        q.train();
        float[] z = {1, 3, 1, 1}; // vectors (1, 1) and (3, 1)
        q.forward(Tensor.of(z, 1, 2, 1, 2));
        float[] e = q.state().get("codebook").data();
        boolean atFirst = e[2] == 1f && e[3] == 1f;
        boolean atSecond = e[2] == 3f && e[3] == 1f;
        assertThat(atFirst || atSecond).as("entry 1 = (%s, %s)", e[2], e[3]).isTrue();
        assertThat(q.state().get("counts").data()[1]).isGreaterThanOrEqualTo(VectorQuantizer.RESTART_BELOW);
    }

    @Test
    void theFirstTrainingBatchSetsTheCodebookFromItsVectors() {
        VectorQuantizer q = new VectorQuantizer(3, 2, 0.99f, new Rng(4));
        q.train();
        float[] z = {5, 6, 7, 8, -1, -2, -3, -4}; // (1, 2, 2, 2): vectors (5, −1), (6, −2), (7, −3), (8, −4)
        q.forward(Tensor.of(z, 1, 2, 2, 2));
        float[] e = q.state().get("codebook").data();
        for (int k = 0; k < 3; k++) {
            assertThat(e[2 * k] + e[2 * k + 1]).as("entry %d lies on the batch's line x + y = 4", k).isCloseTo(4f,
                    org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void aGridOfTheWrongWidthOrAnUnknownCodeIsRefused() {
        VectorQuantizer q = new VectorQuantizer(4, 3, 0.99f, new Rng(1));
        assertThatThrownBy(() -> q.forward(Tensor.zeros(1, 2, 2, 2))).hasMessageContaining("(N, 3, h, w)");
        assertThatThrownBy(() -> q.lookup(new int[] {4})).hasMessageContaining("outside the codebook");
    }
}
