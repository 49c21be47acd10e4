package vaelab.nn;

import vaelab.autograd.Normalization;
import vaelab.tensor.Tensor;

/**
 * Normalises each example over its last axis to mean 0 and variance 1, then scales and shifts:
 * y = (x − mean) / √(var + eps) · gamma + beta, as one op ({@link Normalization#layerNorm}).
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
        return Normalization.layerNorm(x, gamma, beta, eps);
    }

    @Override
    public String describe() {
        return "LayerNorm(" + features + ")";
    }
}
