package vaelab.nn;

import vaelab.autograd.Pooling;
import vaelab.tensor.Tensor;

/** Max pooling over non-overlapping k×k windows. */
public final class MaxPool2d extends Layer {
    private final int window;

    public MaxPool2d(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("MaxPool2d window must be at least 1, got " + window);
        }
        this.window = window;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.maxPool2d(x, window);
    }

    @Override
    public String describe() {
        return "MaxPool2d(" + window + "x" + window + ")";
    }
}
