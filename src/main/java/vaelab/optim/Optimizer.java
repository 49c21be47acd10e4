package vaelab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.tensor.Tensor;

/**
 * Updates parameters from their gradients. Its state (moments, step count) can be saved and
 * restored, so a resumed training run continues exactly where it stopped.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected float learningRate;
    protected long steps;

    protected Optimizer(List<Tensor> params, float learningRate) {
        if (!(learningRate > 0f) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
    }

    /** One update of every parameter from its current gradient (a parameter without one is skipped). */
    public final void step() {
        steps++;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() != null) {
                update(i, p.data(), p.grad());
            }
        }
    }

    /** Updates parameter {@code index} in place; {@link #steps} already counts this step. */
    protected abstract void update(int index, float[] value, float[] grad);

    public final void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    public final float learningRate() {
        return learningRate;
    }

    /** Sets the rate for the following steps (a schedule calls this before each step). */
    public final void setLearningRate(float rate) {
        this.learningRate = rate;
    }

    public final long steps() {
        return steps;
    }

    /** The per-parameter buffers by name ("m.3", "v.3", …), for checkpoints. */
    public abstract Map<String, float[]> buffers();

    /** The state to save: buffers plus the step count. */
    public final Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>(buffers());
        s.put("steps", new float[] {Float.intBitsToFloat((int) (steps >>> 32)), Float.intBitsToFloat((int) steps)});
        return s;
    }

    /** Restores what {@link #state()} returned; checks that every buffer is present with its size. */
    public final void loadState(Map<String, float[]> state) {
        Map<String, float[]> own = buffers();
        for (Map.Entry<String, float[]> e : own.entrySet()) {
            float[] src = state.get(e.getKey());
            if (src == null || src.length != e.getValue().length) {
                throw new IllegalArgumentException("optimizer state '" + e.getKey() + "' is missing or has the wrong size");
            }
            System.arraycopy(src, 0, e.getValue(), 0, src.length);
        }
        float[] s = state.get("steps");
        if (s == null || s.length != 2) {
            throw new IllegalArgumentException("optimizer state has no step count");
        }
        steps = ((long) Float.floatToRawIntBits(s[0]) << 32) | (Float.floatToRawIntBits(s[1]) & 0xFFFFFFFFL);
    }
}
