package vaelab.io;

/**
 * IEEE 754 binary16 ("half precision"), the 16-bit storage a model file may use for its weights:
 * 1 sign bit, 5 exponent bits, 10 fraction bits; about three significant decimal digits from
 * 6.1e-5 to 65504, and subnormals down to 6.0e-8.
 *
 * <p>Java 17 has no {@code Float.floatToFloat16} (it arrived in Java 20), so both directions are
 * written out here; the test compares every one of the 65,536 patterns and the rounding of
 * arbitrary floats against the definition.
 */
public final class Float16 {
    /** The largest finite half: 65504. */
    public static final float MAX_VALUE = 65504f;

    private Float16() {
    }

    /** The float a half's bits stand for (exact: every half is a float). */
    public static float toFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int fraction = h & 0x3FF;
        if (exponent == 0x1F) { // infinity or NaN; a NaN keeps its payload's top bits
            return Float.intBitsToFloat(sign | 0x7F800000 | (fraction << 13));
        }
        if (exponent == 0) { // zero or subnormal: fraction × 2^-24
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (fraction << 13));
    }

    /**
     * The half nearest to {@code value}, ties to even, as IEEE 754 rounds; values beyond
     * {@link #MAX_VALUE} by more than half a step become infinity, NaN stays NaN.
     */
    public static short fromFloat(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exponent = (f >>> 23) & 0xFF;
        int fraction = f & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (sign | 0x7C00 | (fraction != 0 ? 0x200 | (fraction >>> 13) : 0));
        }
        int e = exponent - 127 + 15; // the half's biased exponent
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            // A subnormal half (or zero): the 24-bit significand shifted so one unit is 2^-24.
            if (e < -10) {
                return (short) sign; // below half of the smallest subnormal: rounds to zero
            }
            int significand = fraction | 0x800000;
            int shift = 14 - e;
            return (short) (sign | roundShift(significand, shift));
        }
        // A normal half: drop 13 fraction bits, rounding; a carry may roll into the exponent (even to infinity).
        return (short) (sign | roundShift((e << 23) | fraction, 13));
    }

    /** {@code v >> shift} rounded to nearest, ties to even. */
    private static int roundShift(int v, int shift) {
        int kept = v >>> shift;
        int rest = v & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (kept & 1) != 0)) {
            kept++;
        }
        return kept;
    }

    /** {@code value} as it reads back after storage in 16 bits. */
    public static float round(float value) {
        return toFloat(fromFloat(value));
    }
}
