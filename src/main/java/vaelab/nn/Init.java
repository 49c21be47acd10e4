package vaelab.nn;

import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Seeded weight initialisation. fanIn and fanOut are the inputs and outputs that one weight
 * connects: for a dense layer its in and out sizes; for a convolution channels × kernel area.
 */
public final class Init {
    private Init() {
    }

    /** U(−b, b) with b = 1/√fanIn: PyTorch's default for Linear and Conv weights and biases. */
    public static Tensor uniformFanIn(Rng rng, int fanIn, int... dims) {
        float bound = (float) (1.0 / Math.sqrt(Math.max(1, fanIn)));
        return Tensor.uniform(rng, -bound, bound, dims);
    }

    /** Glorot (Xavier) uniform: U(−b, b) with b = √(6 / (fanIn + fanOut)); keeps variance for tanh/sigmoid. */
    public static Tensor glorotUniform(Rng rng, int fanIn, int fanOut, int... dims) {
        float bound = (float) Math.sqrt(6.0 / Math.max(1, fanIn + fanOut));
        return Tensor.uniform(rng, -bound, bound, dims);
    }

    /** He (Kaiming) normal: N(0, 2/fanIn); keeps variance through ReLU layers. */
    public static Tensor heNormal(Rng rng, int fanIn, int... dims) {
        Tensor t = Tensor.randn(rng, dims);
        float std = (float) Math.sqrt(2.0 / Math.max(1, fanIn));
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= std;
        }
        return t;
    }

    /** The scheme by name, for command-line options and model files. */
    public enum Scheme {
        PYTORCH_DEFAULT, GLOROT_UNIFORM, HE_NORMAL;

        public Tensor make(Rng rng, int fanIn, int fanOut, int... dims) {
            return switch (this) {
                case PYTORCH_DEFAULT -> uniformFanIn(rng, fanIn, dims);
                case GLOROT_UNIFORM -> glorotUniform(rng, fanIn, fanOut, dims);
                case HE_NORMAL -> heNormal(rng, fanIn, dims);
            };
        }
    }
}
