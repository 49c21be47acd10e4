package vaelab.nn;

import vaelab.autograd.Arithmetic;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * In training, zeroes each element with probability p and scales the rest by 1/(1−p), so the
 * expected output equals the input; in evaluation, the identity. The mask comes from a seeded
 * generator, so runs repeat exactly.
 */
public final class Dropout extends Layer {
    private final float p;
    private final Rng rng;

    public Dropout(float p, Rng rng) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("Dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = rng;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0f) {
            return x;
        }
        float keep = 1f / (1f - p);
        float[] mask = new float[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextFloat() < p ? 0f : keep;
        }
        return Arithmetic.mul(x, Tensor.of(mask, x.shape()));
    }

    /** The generator of the masks, whose state a checkpoint saves. */
    public Rng rng() {
        return rng;
    }

    @Override
    public String describe() {
        return "Dropout(" + p + ")";
    }
}
