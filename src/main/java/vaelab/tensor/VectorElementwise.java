package vaelab.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Elementwise}'s kernels on the Vector API; loaded only when the module is present. */
final class VectorElementwise implements Elementwise.Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void bceWithLogits(float[] x, float[] t, float[] loss) {
        int i = 0;
        int bound = S.loopBound(x.length);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector tv = FloatVector.fromArray(S, t, i);
            FloatVector softplusTail = v.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
            v.max(0f).add(softplusTail).sub(v.mul(tv)).intoArray(loss, i);
        }
        tail(x, t, loss, i);
    }

    @Override
    public void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx) {
        int i = 0;
        int bound = S.loopBound(x.length);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector e = v.abs().neg().lanewise(VectorOperators.EXP);
            FloatVector denominator = one.add(e);
            VectorMask<Float> nonNegative = v.compare(VectorOperators.GE, 0f);
            // σ(x) = 1/(1 + e^−|x|) for x ≥ 0, e^−|x|/(1 + e^−|x|) below: never overflows.
            FloatVector sigmoid = e.blend(one, nonNegative).div(denominator);
            FloatVector u = upstream == null ? FloatVector.broadcast(S, upstreamScalar) : FloatVector.fromArray(S, upstream, i);
            FloatVector g = FloatVector.fromArray(S, gx, i);
            g.add(u.mul(sigmoid.sub(FloatVector.fromArray(S, t, i)))).intoArray(gx, i);
        }
        for (; i < x.length; i++) {
            float v = x[i];
            float ev = (float) Math.exp(-Math.abs(v));
            float s = v >= 0f ? 1f / (1f + ev) : ev / (1f + ev);
            gx[i] += (upstream == null ? upstreamScalar : upstream[i]) * (s - t[i]);
        }
    }

    private static void tail(float[] x, float[] t, float[] loss, int from) {
        for (int i = from; i < x.length; i++) {
            float v = x[i];
            loss[i] = Math.max(v, 0f) + (float) Math.log1p(Math.exp(-Math.abs(v))) - v * t[i];
        }
    }
}
