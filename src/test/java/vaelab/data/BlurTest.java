package vaelab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

class BlurTest {
    @Test
    void aBoxBlurAveragesNeighboursAndKeepsTheMean() {
        float[] px = new float[2 * 5 * 5];
        px[2 * 5 + 2] = 9f; // a dot in the middle of channel 0
        java.util.Arrays.fill(px, 25, 50, 0.5f); // channel 1: flat
        Blur.box(px, 0, 2, 5, 1);
        assertThat(px[2 * 5 + 2]).isCloseTo(1f, within(1e-6f));
        assertThat(px[1 * 5 + 1]).isCloseTo(1f, within(1e-6f));
        assertThat(px[0]).isZero();
        for (int i = 25; i < 50; i++) {
            assertThat(px[i]).isCloseTo(0.5f, within(1e-6f)); // a flat picture stays flat
        }
        float sum = 0;
        for (int i = 0; i < 25; i++) {
            sum += px[i];
        }
        assertThat(sum).isCloseTo(9f, within(1e-5f)); // away from the border, mass is kept
    }

    @Test
    void randomBlurLeavesAboutAThirdSharp() {
        int n = 300;
        float[] batch = new float[n * 3 * 4 * 4];
        for (int i = 0; i < n; i++) {
            batch[i * 48 + 5] = 1f;
        }
        Blur.randomly(batch, n, 3, 4, new Rng(1));
        int sharp = 0;
        for (int i = 0; i < n; i++) {
            sharp += batch[i * 48 + 5] == 1f ? 1 : 0;
        }
        assertThat(sharp).isBetween(70, 130);
    }
}
