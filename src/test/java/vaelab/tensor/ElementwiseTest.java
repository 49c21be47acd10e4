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
    void bceGivesTheSameBitsOnBothPaths() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        Rng rng = new Rng(3);
        for (int n : new int[] {0, 1, 7, 16, 33, 1000, 70_001}) {
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
                    }
                    // Lane by lane the same arithmetic: the same bits, not merely close.
                    assertThat(vector).as("n=%d grad=%s", n, grad).isEqualTo(scalar);
                }
            }
        }
    }

    @Test
    void geluGivesTheSameBitsOnBothPathsAndMatchesTheFormula() {
        Rng rng = new Rng(5);
        for (int n : new int[] {0, 1, 15, 16, 17, 999, 70_001}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = i % 13 == 0 ? (i % 2 == 0 ? 50f : -50f) : 3 * rng.nextGaussian();
            }
            float[][] out = new float[2][];
            float[][] tanh = new float[2][];
            for (int v = 0; v < 2; v++) {
                Elementwise.useVector(v == 1);
                out[v] = new float[n];
                tanh[v] = new float[n];
                Elementwise.gelu(x, out[v], tanh[v]);
            }
            assertThat(out[1]).isEqualTo(out[0]);
            assertThat(tanh[1]).isEqualTo(tanh[0]);
            for (int i = 0; i < n; i++) {
                double u = Math.sqrt(2 / Math.PI) * (x[i] + 0.044715 * x[i] * x[i] * x[i]);
                double expected = 0.5 * x[i] * (1 + Math.tanh(u));
                assertThat((double) out[0][i]).as("x = %s", x[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6 + 1e-6 * Math.abs(expected)));
            }
        }
    }

    /** ReLU's backward: the same bits on both paths, with zeros of either sign, NaN and infinities in x and g. */
    @Test
    void reluGradGivesTheSameBitsOnBothPaths() {
        Rng rng = new Rng(11);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int n : new int[] {0, 1, 15, 16, 17, 1003, 70_001}) {
            float[] x = new float[n];
            float[] g = new float[n];
            float[] start = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = i % 9 == 0 ? special[i % special.length] : rng.nextGaussian();
                g[i] = i % 10 == 0 ? special[(i / 10) % special.length] : rng.nextGaussian();
                start[i] = i % 4 == 0 ? -0f : rng.nextGaussian();
            }
            float[][] out = new float[2][];
            for (int v = 0; v < 2; v++) {
                Elementwise.useVector(v == 1);
                out[v] = start.clone();
                Elementwise.reluGrad(x, g, out[v]);
            }
            for (int i = 0; i < n; i++) {
                assertThat(Float.floatToRawIntBits(out[1][i])).as("n=%d i=%d", n, i).isEqualTo(Float.floatToRawIntBits(out[0][i]));
                float expected = start[i] + (x[i] > 0f ? g[i] : 0f);
                assertThat(Float.floatToRawIntBits(out[0][i])).isEqualTo(Float.floatToRawIntBits(expected));
            }
        }
    }

    /** Adam's update: the same bits on both paths over many steps, and each step what the formula gives in doubles. */
    @Test
    void adamGivesTheSameBitsOnBothPathsAndFollowsTheFormula() {
        Rng rng = new Rng(7);
        // 100,003 is past twice Elementwise.SHARE: updated in shares on the compute threads.
        for (int n : new int[] {0, 1, 15, 16, 17, 1001, 100_003}) {
            float[][] p = new float[2][n];
            float[][] m = new float[2][n];
            float[][] v = new float[2][n];
            for (int i = 0; i < n; i++) {
                p[0][i] = p[1][i] = rng.nextGaussian();
            }
            for (int step = 1; step <= 20; step++) {
                float[] g = new float[n];
                for (int i = 0; i < n; i++) {
                    g[i] = i % 7 == 0 ? 0f : (i % 5 == 0 ? 1e3f : 1e-3f) * rng.nextGaussian();
                }
                Elementwise.AdamStep s = new Elementwise.AdamStep(0.9f, 0.999f, (float) (1e-2 / (1 - Math.pow(0.9, step))),
                        (float) (1 / Math.sqrt(1 - Math.pow(0.999, step))), 1e-8f, 1f - 1e-2f * 0.01f);
                float[] before = p[0].clone();
                float[] m0 = m[0].clone();
                float[] v0 = v[0].clone();
                for (int path = 0; path < 2; path++) {
                    Elementwise.useVector(path == 1);
                    Elementwise.adam(p[path], g, m[path], v[path], s);
                }
                // isEqualTo compares arrays by Arrays.equals (bit patterns), in one pass even at 100,003.
                assertThat(p[1]).as("n=%d step %d", n, step).isEqualTo(p[0]);
                assertThat(m[1]).isEqualTo(m[0]);
                assertThat(v[1]).isEqualTo(v[0]);
                for (int i = 0; i < n; i += n > 2000 ? 97 : 1) {
                    double mi = 0.9 * m0[i] + 0.1 * g[i];
                    double vi = 0.999 * v0[i] + 0.001 * (double) g[i] * g[i];
                    double expected = before[i] * s.decay() - s.stepSize() * mi / (Math.sqrt(vi) * s.invBc2Sqrt() + 1e-8);
                    assertThat((double) p[0][i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected))));
                }
            }
        }
    }

    /** A moment that would fall below the smallest normal float is zero instead, on both paths; normal ones are untouched. */
    @Test
    void adamKeepsSubnormalMomentsAsZero() {
        int n = 37;
        for (int path = 0; path < 2; path++) {
            Elementwise.useVector(path == 1);
            float[] p = new float[n];
            float[] g = new float[n];
            float[] m = new float[n];
            float[] v = new float[n];
            java.util.Arrays.fill(p, 0.5f);
            for (int i = 0; i < n; i++) {
                m[i] = i % 3 == 0 ? Float.MIN_NORMAL : (i % 3 == 1 ? -2 * Float.MIN_NORMAL * 10 : 1e-3f);
                v[i] = i % 2 == 0 ? Float.MIN_NORMAL : 1e-6f;
            }
            Elementwise.adam(p, g, m, v, new Elementwise.AdamStep(0.9f, 0.999f, 1e-3f, 1f, 1e-8f, 1f));
            for (int i = 0; i < n; i++) {
                float mExpected = i % 3 == 0 ? 0f : (i % 3 == 1 ? 0.9f * (-2 * Float.MIN_NORMAL * 10) : 0.9f * 1e-3f);
                float vExpected = i % 2 == 0 ? 0f : 0.999f * 1e-6f;
                assertThat(m[i]).as("path %d m[%d]", path, i).isEqualTo(mExpected);
                assertThat(v[i]).as("path %d v[%d]", path, i).isEqualTo(vExpected);
                assertThat(Math.abs(m[i]) == 0f || Math.abs(m[i]) >= Float.MIN_NORMAL).isTrue();
            }
            assertThat(p[0]).isEqualTo(0.5f);
        }
    }

    @Test
    void expAndLog1pAreWithinTwoUlpOfTheJdksOnTheirWholeRanges() {
        // Every 97th float of (−88, 0] and of [0, 1], and the ends.
        int worstExp = 0;
        for (int bits = 0; bits <= Float.floatToIntBits(88f); bits += 97) {
            float x = -Float.intBitsToFloat(bits);
            float expected = (float) Math.exp(x);
            float got = ExpLog.expNonPositive(x);
            if (x >= ExpLog.EXP_FLOOR) {
                worstExp = Math.max(worstExp, ulps(got, expected));
            } else {
                assertThat(got).isZero();
            }
        }
        assertThat(ExpLog.expNonPositive(0f)).isEqualTo(1f);
        assertThat(ExpLog.expNonPositive(-1e-30f)).isEqualTo(1f);
        int worstLog = 0;
        for (int bits = 0; bits <= Float.floatToIntBits(1f); bits += 97) {
            float y = Float.intBitsToFloat(bits);
            worstLog = Math.max(worstLog, ulps(ExpLog.log1pUnit(y), (float) Math.log1p(y)));
        }
        assertThat(ExpLog.log1pUnit(0f)).isZero();
        assertThat(ExpLog.log1pUnit(1e-30f)).isEqualTo(1e-30f);
        assertThat(ExpLog.log1pUnit(1f)).isEqualTo((float) Math.log(2));
        assertThat(worstExp).as("worst exp error in ulp").isLessThanOrEqualTo(2);
        assertThat(worstLog).as("worst log1p error in ulp").isLessThanOrEqualTo(2);
    }

    private static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }
}
