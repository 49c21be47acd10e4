package vaelab.tensor;

/**
 * e^x for x ≤ 0 and ln(1 + y) for y in [0, 1] in float arithmetic written out step by step, so that
 * the Vector API twins in {@code VectorElementwise} compute exactly the same operations in the same
 * order, lane by lane: the same bits whether the JIT has compiled a loop or not, on any vector width.
 * (The Vector API's own EXP and LOG1P call a vector maths library once compiled and the JDK's Math
 * before: the two differ in the last bit, so a training's result depended on when the JIT got there.)
 * Both are within 2 ulp of {@link Math#exp} and {@link Math#log1p} on their ranges (tested).
 */
public final class ExpLog {
    /** Below this e^x is under the smallest normal float and is taken as 0. */
    static final float EXP_FLOOR = -87.3f;
    static final float LOG2E = 1.44269504f;
    static final float LN2_HI = 0.693359375f; // Cody and Waite's split of ln 2 (as in Cephes): 355/512 ...
    static final float LN2_LO = -2.12194440e-4f; // ... and the rest, ln 2 − 355/512
    /** 1.5·2^23: adding and subtracting it rounds a float below 2^22 to the nearest integer. */
    static final float ROUNDER = 12582912f;
    /** The bits of {@link #ROUNDER}: the bits of ROUNDER + n are ROUNDER_BITS + n for a whole n below 2^22. */
    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    // exp(r) on |r| ≤ ln2/2: 1 + r + r²·(C2 + r·(C3 + …)), Taylor coefficients 1/k!.
    static final float C2 = 0.5f;
    static final float C3 = 1.66666667e-1f;
    static final float C4 = 4.16666667e-2f;
    static final float C5 = 8.33333333e-3f;
    static final float C6 = 1.38888889e-3f;
    static final float C7 = 1.98412698e-4f;
    // ln(1 + y) = 2·atanh(s) = 2s·(1 + s²/3 + s⁴/5 + …) with s = y/(2 + y) ≤ 1/3.
    static final float L3 = 1f / 3;
    static final float L5 = 1f / 5;
    static final float L7 = 1f / 7;
    static final float L9 = 1f / 9;
    static final float L11 = 1f / 11;
    static final float L13 = 1f / 13;
    static final float L15 = 1f / 15;

    private ExpLog() {
    }

    /** e^x for x ≤ 0 (x = n·ln 2 + r, e^x = 2ⁿ·e^r); 0 below {@link #EXP_FLOOR}. */
    public static float expNonPositive(float x) {
        float xc = Math.max(x, EXP_FLOOR);
        float rounded = xc * LOG2E + ROUNDER;
        float n = rounded - ROUNDER;
        float r = Math.fma(-n, LN2_HI, xc);
        r = Math.fma(-n, LN2_LO, r);
        float p = Math.fma(r, C7, C6);
        p = Math.fma(r, p, C5);
        p = Math.fma(r, p, C4);
        p = Math.fma(r, p, C3);
        p = Math.fma(r, p, C2);
        float er = Math.fma(r * r, p, r) + 1f;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(rounded) - (ROUNDER_BITS - 127)) << 23);
        return x < EXP_FLOOR ? 0f : er * scale;
    }

    /** ln(1 + y) for y in [0, 1], as 2·atanh(y/(2 + y)): 1 + y is never rounded, so tiny y stay exact. */
    public static float log1pUnit(float y) {
        float s = y / (2f + y);
        float s2 = s * s;
        float p = Math.fma(s2, L15, L13);
        p = Math.fma(s2, p, L11);
        p = Math.fma(s2, p, L9);
        p = Math.fma(s2, p, L7);
        p = Math.fma(s2, p, L5);
        p = Math.fma(s2, p, L3);
        return 2f * Math.fma(s * s2, p, s);
    }
}
