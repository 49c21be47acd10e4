package vaelab.tensor;

/**
 * How one op sends the gradient of its output back to its inputs. An op creates this closure
 * beside its forward computation; it adds into the inputs' {@link Tensor#gradBuffer()}s.
 */
@FunctionalInterface
public interface Backward {
    /** @param outGrad the gradient of the loss with respect to the op's output (read only) */
    void propagate(float[] outGrad);
}
