package vaelab.nn;

import vaelab.autograd.Arithmetic;
import vaelab.tensor.Tensor;

/** y = x + f(x): a skip connection around a stack of layers that keeps the input's shape. */
public final class Residual extends Layer {
    private final Layer inner;

    public Residual(Layer inner) {
        this.inner = child("inner", inner);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = inner.forward(x);
        if (!y.shape().equals(x.shape())) {
            throw new IllegalArgumentException("a residual block must keep its input's shape " + x.shape() + ", got " + y.shape());
        }
        return Arithmetic.add(x, y);
    }

    @Override
    public String describe() {
        return "Residual(" + inner.describe() + ")";
    }
}
