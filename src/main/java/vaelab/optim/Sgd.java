package vaelab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum, as PyTorch defines it:
 * v ← μ·v + g; p ← p − lr·v (with μ = 0, plain SGD).
 */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final float[][] velocity;

    public Sgd(List<Tensor> params, float learningRate, float momentum) {
        super(params, learningRate);
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        this.velocity = new float[this.params.size()][];
        for (int i = 0; i < velocity.length; i++) {
            velocity[i] = new float[momentum == 0f ? 0 : this.params.get(i).size()];
        }
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        float lr = learningRate;
        if (momentum == 0f) {
            for (int j = 0; j < p.length; j++) {
                p[j] -= lr * g[j];
            }
            return;
        }
        float[] v = velocity[index];
        float mu = momentum;
        for (int j = 0; j < p.length; j++) {
            v[j] = mu * v[j] + g[j];
            p[j] -= lr * v[j];
        }
    }

    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> b = new LinkedHashMap<>();
        for (int i = 0; i < velocity.length; i++) {
            b.put("velocity." + i, velocity[i]);
        }
        return b;
    }
}
