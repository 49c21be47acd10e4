package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A training step keeps nothing of the steps before it: after thousands of steps the heap that
 * survives a collection is what it was after the first few hundred. A step that left 16 KB behind
 * (a graph kept alive, a buffer cached per call) would add 56 MB over the 3,500 steps between the two
 * measurements; with such a leak put in by hand, this test fails.
 */
class TrainingMemoryTest {
    @Test
    void memoryStaysFlatOverThousandsOfSteps() {
        Rng rng = new Rng(3);
        MlpVae vae = new MlpVae(new int[] {1, 8, 8}, 64, 4, VariationalAutoencoder.Likelihood.BERNOULLI, rng);
        Adam adam = new Adam(vae.parameters(), 1e-3f);
        Tensor batch = Tensor.uniform(rng, 0f, 1f, 32, 1, 8, 8);
        long[] after = new long[2];
        int[] marks = {500, 4000};
        int m = 0;
        for (int step = 1; step <= marks[1]; step++) {
            adam.zeroGrad();
            var elbo = vae.elbo(batch, rng, VaeLoss.ELBO);
            elbo.loss().backward();
            adam.step();
            if (step == marks[m]) {
                after[m++] = usedAfterCollection();
            }
        }
        assertThat(after[1] - after[0]).as("bytes kept from step %d to %d", marks[0], marks[1]).isLessThan(16L << 20);
    }

    private static long usedAfterCollection() {
        Runtime r = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, r.totalMemory() - r.freeMemory());
        }
        return used;
    }
}
