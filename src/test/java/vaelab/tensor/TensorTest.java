package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void rowMajorIndexing() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertThat(t.get(1, 2)).isEqualTo(5f);
        assertThat(t.get(0, 1)).isEqualTo(1f);
        assertThatThrownBy(() -> t.get(2, 0)).hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> t.get(0)).hasMessageContaining("does not fit shape (2, 3)");
    }

    @Test
    void dataMustFitTheShape() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .hasMessage("data of length 5 does not fit shape (2, 3) of size 6");
    }

    @Test
    void sameSeedSameBits() {
        float[] a = Tensor.randn(new Rng(42), 100).data();
        float[] b = Tensor.randn(new Rng(42), 100).data();
        float[] c = Tensor.randn(new Rng(43), 100).data();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void seededValuesArePinned() {
        // SplitMix64 is the generator of the JDK's SplittableRandom, which serves as the reference;
        // a change in ours would silently change every seeded experiment.
        for (long seed : new long[] {0, 1, 42, -7}) {
            Rng rng = new Rng(seed);
            java.util.SplittableRandom reference = new java.util.SplittableRandom(seed);
            for (int i = 0; i < 100; i++) {
                assertThat(rng.nextLong()).isEqualTo(reference.nextLong());
            }
        }
        assertThat(new Rng(1).nextLong()).isEqualTo(-7_995_527_694_508_729_151L);
    }

    @Test
    void gaussianMomentsAreStandard() {
        Tensor t = Tensor.randn(new Rng(3), 200_000);
        double mean = 0;
        double sq = 0;
        for (float v : t.data()) {
            mean += v;
            sq += v * v;
        }
        mean /= t.size();
        double var = sq / t.size() - mean * mean;
        assertThat(mean).isBetween(-0.01, 0.01);
        assertThat(var).isBetween(0.98, 1.02);
    }

    @Test
    void itemNeedsOneElement() {
        assertThat(Tensor.scalar(3f).item()).isEqualTo(3f);
        assertThatThrownBy(() -> Tensor.zeros(2).item()).hasMessageContaining("(2,)");
    }

    @Test
    void detachSharesValuesButNotHistory() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor d = x.detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.data()).isSameAs(x.data());
    }

    @Test
    void toStringShowsShapeAndFirstValues() {
        assertThat(Tensor.zeros(2, 10).toString()).startsWith("Tensor(2, 10) [0.0, 0.0").contains("12 more");
    }
}
