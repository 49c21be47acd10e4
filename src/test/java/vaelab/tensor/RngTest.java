package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RngTest {
    @Property
    void stateRestoresTheSequence(@ForAll long seed, @ForAll @IntRange(min = 0, max = 50) int skip) {
        Rng a = new Rng(seed);
        for (int i = 0; i < skip; i++) {
            a.nextLong();
        }
        long saved = a.state();
        float[] first = {a.nextFloat(), a.nextGaussian(), a.nextInt(1000)};
        a.setState(saved);
        float[] again = {a.nextFloat(), a.nextGaussian(), a.nextInt(1000)};
        assertThat(again).containsExactly(first);
    }

    @Property
    void valuesStayInRange(@ForAll long seed, @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int bound) {
        Rng r = new Rng(seed);
        for (int i = 0; i < 20; i++) {
            assertThat(r.nextInt(bound)).isBetween(0, bound - 1);
            assertThat(r.nextFloat()).isGreaterThanOrEqualTo(0f).isLessThan(1f);
            assertThat(Float.isFinite(r.nextGaussian())).isTrue();
        }
    }

    @Property
    void shuffleIsAPermutation(@ForAll long seed, @ForAll @IntRange(min = 0, max = 100) int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        new Rng(seed).shuffle(v);
        assertThat(v).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, n).toArray());
    }
}
