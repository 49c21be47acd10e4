package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** expand and sumTo are adjoint: ⟨expand(x), g⟩ = ⟨x, sumTo(g)⟩, which is why backward uses sumTo. */
class BroadcastProperties {
    record Pair(Shape small, Shape big, long seed) {
    }

    @Provide
    Arbitrary<Pair> broadcastPairs() {
        Arbitrary<int[]> bigDims = Arbitraries.integers().between(1, 4).array(int[].class).ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(bigDims, Arbitraries.longs(), Arbitraries.integers().between(0, 4))
                .as((dims, seed, drop) -> {
                    Rng r = new Rng(seed);
                    int keep = Math.max(0, dims.length - Math.min(drop, dims.length));
                    int[] small = new int[keep];
                    for (int i = 0; i < keep; i++) {
                        int d = dims[dims.length - keep + i];
                        small[i] = r.nextInt(2) == 0 ? 1 : d;
                    }
                    return new Pair(Shape.of(small), Shape.of(dims), seed);
                });
    }

    @Property
    void expandAndSumToAreAdjoint(@ForAll("broadcastPairs") Pair p) {
        Rng r = new Rng(p.seed());
        float[] x = Tensor.randn(r, p.small().dims()).data();
        float[] g = Tensor.randn(r, p.big().dims()).data();
        float[] ex = Broadcast.expand(x, p.small(), p.big());
        float[] sg = new float[x.length];
        Broadcast.sumTo(g, p.big(), p.small(), sg);
        double left = 0;
        for (int i = 0; i < g.length; i++) {
            left += (double) ex[i] * g[i];
        }
        double right = 0;
        for (int i = 0; i < x.length; i++) {
            right += (double) x[i] * sg[i];
        }
        assertThat(left).isCloseTo(right, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(left))));
    }

    @Property
    void broadcastIsSymmetric(@ForAll("broadcastPairs") Pair p) {
        assertThat(Shape.broadcast(p.small(), p.big())).isEqualTo(p.big());
        assertThat(Shape.broadcast(p.big(), p.small())).isEqualTo(p.big());
    }

    @Property
    void expandRepeatsValues(@ForAll("broadcastPairs") Pair p) {
        float[] x = new float[p.small().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        float[] ex = Broadcast.expand(x, p.small(), p.big());
        // Every value of x appears, and nothing else.
        for (float v : ex) {
            assertThat(v).isBetween(0f, (float) Math.max(0, x.length - 1));
        }
        assertThat(ex).hasSize(p.big().size());
    }
}
