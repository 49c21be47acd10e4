package vaelab.nn;

import vaelab.autograd.MatMul;
import vaelab.autograd.Shaping;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** A fully connected layer: y = x·W + b, x: (…, in), W: (in, out), b: (out). */
public final class Dense extends Layer {
    private final int in;
    private final int out;
    private final Tensor weight; // (in, out)
    private final Tensor bias; // (out)

    /** With PyTorch's default initialisation. */
    public Dense(int in, int out, Rng rng) {
        this(in, out, Init.Scheme.PYTORCH_DEFAULT, rng);
    }

    public Dense(int in, int out, Init.Scheme init, Rng rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Dense needs positive sizes, got " + in + " → " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = parameter("weight", init.make(rng, in, out, in, out));
        this.bias = parameter("bias", init == Init.Scheme.PYTORCH_DEFAULT ? Init.uniformFanIn(rng, in, out) : Tensor.zeros(out));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.dim(-1) != in) {
            throw new IllegalArgumentException(describe() + " needs inputs of shape (…, " + in + "), got " + x.shape());
        }
        if (x.rank() == 1) {
            return MatMul.affine(Shaping.reshape(x, 1, in), weight, bias);
        }
        return MatMul.affine(x, weight, bias);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    public String describe() {
        return "Dense(" + in + " → " + out + ")";
    }
}
