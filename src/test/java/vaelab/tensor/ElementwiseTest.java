package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Vector API kernels against the plain loops, on odd lengths and extreme values. */
class ElementwiseTest {
    @AfterEach
    void restore() {
        Elementwise.useVector(true);
    }

    static float[] run(boolean vector, float[] x, float[] t, float[] up, float scalar, boolean grad) {
        Elementwise.useVector(vector);
        float[] out = new float[x.length];
        java.util.Arrays.fill(out, 0.5f); // the gradient adds to what is there
        if (grad) {
            Elementwise.bceWithLogitsGrad(x, t, up, scalar, out);
        } else {
            Elementwise.bceWithLogits(x, t, out);
        }
        return out;
    }

    @Test
    void bceAgreesOnBothPaths() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        Rng rng = new Rng(3);
        for (int n : new int[] {0, 1, 7, 16, 33, 1000}) {
            float[] x = new float[n];
            float[] t = new float[n];
            float[] up = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = i % 11 == 0 ? (i % 2 == 0 ? 1e4f : -1e4f) : 6 * rng.nextGaussian();
                t[i] = rng.nextFloat();
                up[i] = rng.nextGaussian();
            }
            for (boolean grad : new boolean[] {false, true}) {
                for (float[] u : new float[][] {up, null}) {
                    float[] scalar = run(false, x, t, u, 0.37f, grad);
                    float[] vector = run(true, x, t, u, 0.37f, grad);
                    for (int i = 0; i < n; i++) {
                        assertThat(Float.isFinite(vector[i])).isTrue();
                        assertThat(Math.abs(vector[i] - scalar[i])).as("n=%d i=%d x=%s", n, i, x[i])
                                .isLessThanOrEqualTo(1e-5f * (1 + Math.abs(scalar[i])));
                    }
                }
            }
        }
    }
}
