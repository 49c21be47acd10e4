package vaelab.nn;

import vaelab.autograd.Shaping;
import vaelab.tensor.Tensor;

/** (n, …) → (n, product of the rest): from convolutional features to a dense layer. */
public final class Flatten extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        return Shaping.flatten(x);
    }
}
