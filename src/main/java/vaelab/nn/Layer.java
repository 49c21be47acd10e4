package vaelab.nn;

import vaelab.tensor.Tensor;

/** A module that maps one tensor to one tensor, so layers can be chained in a {@link Sequential}. */
public abstract class Layer extends Module {
    public abstract Tensor forward(Tensor x);
}
