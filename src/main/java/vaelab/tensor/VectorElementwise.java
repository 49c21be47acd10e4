package vaelab.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Elementwise}'s kernels on the Vector API; loaded only when the module is present. Each lane
 * computes exactly what {@link Elementwise.ScalarKernels} computes for one element (e^x and ln(1 + y)
 * as {@link ExpLog} writes them out), so the two paths and every JIT tier give the same bits.
 */
final class VectorElementwise implements Elementwise.Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void bceWithLogits(float[] x, float[] t, float[] loss, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector tv = FloatVector.fromArray(S, t, i);
            FloatVector softplusTail = log1pUnit(expNonPositive(v.abs().neg()));
            v.max(0f).add(softplusTail).sub(v.mul(tv)).intoArray(loss, i);
        }
        for (; i < to; i++) {
            loss[i] = Elementwise.ScalarKernels.bce(x[i], t[i]);
        }
    }

    @Override
    public void bceWithLogitsGrad(float[] x, float[] t, float[] upstream, float upstreamScalar, float[] gx,
                                  int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector e = expNonPositive(v.abs().neg());
            VectorMask<Float> nonNegative = v.compare(VectorOperators.GE, 0f);
            // σ(x) = 1/(1 + e^−|x|) for x ≥ 0, e^−|x|/(1 + e^−|x|) below: never overflows.
            FloatVector sigmoid = e.blend(one, nonNegative).div(one.add(e));
            FloatVector u = upstream == null ? FloatVector.broadcast(S, upstreamScalar) : FloatVector.fromArray(S, upstream, i);
            FloatVector g = FloatVector.fromArray(S, gx, i);
            g.add(u.mul(sigmoid.sub(FloatVector.fromArray(S, t, i)))).intoArray(gx, i);
        }
        for (; i < to; i++) {
            gx[i] += (upstream == null ? upstreamScalar : upstream[i]) * (Elementwise.ScalarKernels.sigmoid(x[i]) - t[i]);
        }
    }

    @Override
    public void gelu(float[] x, float[] y, float[] tanh, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            // Elementwise.ScalarKernels.gelu's operations in its order: ((A·x)·x)·x, then x + that, then C·(…).
            FloatVector u = v.add(v.mul(Elementwise.GELU_A).mul(v).mul(v)).mul(Elementwise.GELU_C);
            FloatVector e = expNonPositive(u.abs().mul(-2f));
            FloatVector r = one.sub(e).div(one.add(e));
            FloatVector t = r.blend(r.neg(), u.compare(VectorOperators.LT, 0f));
            t.intoArray(tanh, i);
            v.mul(0.5f).mul(one.add(t)).intoArray(y, i);
        }
        for (; i < to; i++) {
            float xi = x[i];
            float t = Elementwise.ScalarKernels.tanhOf(Elementwise.GELU_C * (xi + Elementwise.GELU_A * xi * xi * xi));
            tanh[i] = t;
            y[i] = 0.5f * xi * (1f + t);
        }
    }

    @Override
    public void reluGrad(float[] x, float[] g, float[] gx, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += S.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            // + g where x > 0, + (+0) elsewhere: the scalar loop's sum, bit for bit (a NaN in g is kept out too).
            FloatVector.fromArray(S, gx, i).add(zero.blend(FloatVector.fromArray(S, g, i), positive)).intoArray(gx, i);
        }
        Elementwise.ScalarKernels.reluGradRange(x, g, gx, i, to);
    }

    @Override
    public void adam(float[] p, float[] g, float[] m, float[] v, Elementwise.AdamStep s, int from, int to) {
        float c1 = 1f - s.beta1();
        float c2 = 1f - s.beta2();
        int j = from;
        int bound = from + S.loopBound(to - from);
        for (; j < bound; j += S.length()) {
            // The scalar loop's operations in its order: (b1·m) + (c1·g); (b2·v) + ((c2·g)·g); p·decay − (step·m)/(√v·k + ε).
            FloatVector gj = FloatVector.fromArray(S, g, j);
            FloatVector mj = FloatVector.fromArray(S, m, j).mul(s.beta1()).add(gj.mul(c1));
            FloatVector vj = FloatVector.fromArray(S, v, j).mul(s.beta2()).add(gj.mul(c2).mul(gj));
            // Subnormal moments kept as zero, as in the scalar loop (see adamRange for why).
            mj = mj.blend(0f, mj.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
            vj = vj.blend(0f, vj.compare(VectorOperators.LT, Float.MIN_NORMAL));
            mj.intoArray(m, j);
            vj.intoArray(v, j);
            FloatVector denominator = vj.lanewise(VectorOperators.SQRT).mul(s.invBc2Sqrt()).add(s.eps());
            FloatVector.fromArray(S, p, j).mul(s.decay()).sub(mj.mul(s.stepSize()).div(denominator)).intoArray(p, j);
        }
        Elementwise.ScalarKernels.adamRange(p, g, m, v, s, j, to);
    }

    /** {@link ExpLog#expNonPositive}, lane by lane, step for step. */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector xc = x.max(ExpLog.EXP_FLOOR);
        FloatVector rounded = xc.mul(ExpLog.LOG2E).add(ExpLog.ROUNDER);
        FloatVector n = rounded.sub(ExpLog.ROUNDER);
        FloatVector r = n.neg().fma(FloatVector.broadcast(S, ExpLog.LN2_HI), xc);
        r = n.neg().fma(FloatVector.broadcast(S, ExpLog.LN2_LO), r);
        FloatVector p = r.fma(ExpLog.C7, ExpLog.C6);
        p = r.fma(p, FloatVector.broadcast(S, ExpLog.C5));
        p = r.fma(p, FloatVector.broadcast(S, ExpLog.C4));
        p = r.fma(p, FloatVector.broadcast(S, ExpLog.C3));
        p = r.fma(p, FloatVector.broadcast(S, ExpLog.C2));
        FloatVector er = r.mul(r).fma(p, r).add(1f);
        // n sits in the low mantissa bits of the rounded sum: no float-to-int conversion needed.
        IntVector bits = ((IntVector) rounded.reinterpretAsInts()).sub(ExpLog.ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        FloatVector scale = bits.reinterpretAsFloats();
        return er.mul(scale).blend(0f, x.compare(VectorOperators.LT, ExpLog.EXP_FLOOR));
    }

    /** {@link ExpLog#log1pUnit}, lane by lane, step for step. */
    static FloatVector log1pUnit(FloatVector y) {
        FloatVector s = y.div(y.add(2f));
        FloatVector s2 = s.mul(s);
        FloatVector p = s2.fma(ExpLog.L15, ExpLog.L13);
        p = s2.fma(p, FloatVector.broadcast(S, ExpLog.L11));
        p = s2.fma(p, FloatVector.broadcast(S, ExpLog.L9));
        p = s2.fma(p, FloatVector.broadcast(S, ExpLog.L7));
        p = s2.fma(p, FloatVector.broadcast(S, ExpLog.L5));
        p = s2.fma(p, FloatVector.broadcast(S, ExpLog.L3));
        return s.mul(s2).fma(p, s).mul(2f);
    }
}
