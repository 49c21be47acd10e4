package vaelab.io;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Float16Test {
    @Test
    void knownValues() {
        assertThat(Float16.toFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(Float16.toFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(Float16.toFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Float16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Float16.toFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(Float16.toFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(Float16.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat((short) 0x8000)).isEqualTo(-0f);
        assertThat(Float16.fromFloat(1f / 3)).isEqualTo((short) 0x3555);
        assertThat(Float16.fromFloat(65520f)).isEqualTo((short) 0x7C00); // half a step above the largest: ties away to infinity (even)
        assertThat(Float16.fromFloat(65519f)).isEqualTo((short) 0x7BFF);
        assertThat(Float16.fromFloat(0x1p-25f)).isEqualTo((short) 0); // a tie between 0 and the smallest subnormal: even
        assertThat(Float16.fromFloat(0x1.8p-25f)).isEqualTo((short) 1);
        assertThat(Float16.fromFloat(Float.MIN_VALUE)).isEqualTo((short) 0);
        assertThat(Float16.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN)))).isTrue();
    }

    /** Every one of the 65,536 patterns reads as a float that writes back as the same pattern (NaNs as some NaN). */
    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 65536; h++) {
            float f = Float16.toFloat((short) h);
            boolean nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
            if (nan) {
                assertThat(Float.isNaN(f)).as("pattern %04x", h).isTrue();
                assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(f)))).isTrue();
            } else {
                assertThat(Float16.fromFloat(f)).as("pattern %04x", h).isEqualTo((short) h);
            }
        }
    }

    /** The half chosen for a float is the nearest one, and of two equally near, the one with an even last bit. */
    @Property(tries = 20000)
    void roundsToTheNearestHalfTiesToEven(@ForAll float x) {
        if (Float.isNaN(x) || Math.abs(x) > Float16.MAX_VALUE + 16) {
            return;
        }
        short h = Float16.fromFloat(x);
        double chosen = Float16.toFloat(h);
        double error = Math.abs(chosen - x);
        int bits = h & 0xFFFF;
        for (int neighbour : new int[] {bits - 1, bits + 1}) {
            if ((neighbour & 0x7C00) == 0x7C00 || neighbour < 0 || ((neighbour ^ bits) & 0x8000) != 0) {
                continue; // past infinity, or across the sign: zero's neighbours are checked by sign below
            }
            double other = Math.abs(Float16.toFloat((short) neighbour) - (double) x);
            assertThat(error).as("x = %s, half %04x", x, bits).isLessThanOrEqualTo(other);
            if (error == other) {
                assertThat(bits & 1).isZero();
            }
        }
        assertThat(Math.signum(chosen) * Math.signum(x)).isGreaterThanOrEqualTo(0);
    }

    @Property(tries = 5000)
    void smallWeightsKeepThreeSignificantDigits(@ForAll float x) {
        if (!(Math.abs(x) >= 0x1p-14f && Math.abs(x) <= Float16.MAX_VALUE)) {
            return;
        }
        assertThat((double) Math.abs(Float16.round(x) - x)).isLessThanOrEqualTo(Math.abs(x) * 0x1p-11);
    }
}
