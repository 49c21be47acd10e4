package vaelab.nn;

import static vaelab.autograd.Arithmetic.add;
import static vaelab.autograd.Arithmetic.div;
import static vaelab.autograd.Arithmetic.mul;
import static vaelab.autograd.Arithmetic.sub;

import vaelab.autograd.Reductions;
import vaelab.autograd.UnaryMath;
import vaelab.tensor.Tensor;

/**
 * Normalises each example over its last axis to mean 0 and variance 1, then scales and shifts:
 * y = (x − mean) / √(var + eps) · gamma + beta. Composed from differentiable ops, so its gradient
 * needs no code of its own.
 */
public final class LayerNorm extends Layer {
    private final int features;
    private final float eps;
    private final Tensor gamma;
    private final Tensor beta;

    public LayerNorm(int features) {
        this(features, 1e-5f);
    }

    public LayerNorm(int features, float eps) {
        this.features = features;
        this.eps = eps;
        this.gamma = parameter("weight", Tensor.ones(features));
        this.beta = parameter("bias", Tensor.zeros(features));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.dim(-1) != features) {
            throw new IllegalArgumentException(describe() + " needs inputs of shape (…, " + features + "), got " + x.shape());
        }
        Tensor centred = sub(x, Reductions.mean(x, true, -1));
        Tensor variance = Reductions.mean(mul(centred, centred), true, -1);
        Tensor normalised = div(centred, UnaryMath.sqrt(add(variance, eps)));
        return add(mul(normalised, gamma), beta);
    }

    @Override
    public String describe() {
        return "LayerNorm(" + features + ")";
    }
}
