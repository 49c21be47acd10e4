package vaelab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.tensor.Elementwise;
import vaelab.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba, 2015) with bias correction, and its decoupled-weight-decay form AdamW
 * (Loshchilov &amp; Hutter, 2019):
 * <pre>
 * m ← β₁m + (1−β₁)g          v ← β₂v + (1−β₂)g²
 * m̂ = m/(1−β₁ᵗ)              v̂ = v/(1−β₂ᵗ)
 * p ← p − lr·m̂/(√v̂ + ε)      (AdamW first: p ← p − lr·λ·p)
 * </pre>
 * The update of each parameter is one pass over its arrays ({@link Elementwise#adam}, on the Vector API when present).
 */
public final class Adam extends Optimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final float[][] m;
    private final float[][] v;

    /** Adam with PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public Adam(List<Tensor> params, float learningRate) {
        this(params, learningRate, 0.9f, 0.999f, 1e-8f, 0f);
    }

    /** AdamW: Adam with decoupled weight decay λ. */
    public static Adam adamW(List<Tensor> params, float learningRate, float weightDecay) {
        return new Adam(params, learningRate, 0.9f, 0.999f, 1e-8f, weightDecay);
    }

    public Adam(List<Tensor> params, float learningRate, float beta1, float beta2, float eps, float weightDecay) {
        super(params, learningRate);
        if (!(beta1 >= 0f && beta1 < 1f && beta2 >= 0f && beta2 < 1f && eps > 0f && weightDecay >= 0f)) {
            throw new IllegalArgumentException("Adam: need 0 <= beta < 1, eps > 0, weight decay >= 0; got beta1 " + beta1
                    + ", beta2 " + beta2 + ", eps " + eps + ", weight decay " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new float[this.params.size()][];
        this.v = new float[this.params.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new float[this.params.get(i).size()];
            v[i] = new float[this.params.get(i).size()];
        }
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        // Bias corrections folded into the step size and ε, as PyTorch does:
        // lr·m̂/(√v̂+ε) = (lr/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        Elementwise.adam(p, g, m[index], v[index], new Elementwise.AdamStep(beta1, beta2, (float) (learningRate / bc1),
                (float) (1 / bc2Sqrt), eps, 1f - learningRate * weightDecay));
    }

    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> b = new LinkedHashMap<>();
        for (int i = 0; i < m.length; i++) {
            b.put("m." + i, m[i]);
            b.put("v." + i, v[i]);
        }
        return b;
    }
}
