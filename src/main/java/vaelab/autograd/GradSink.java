package vaelab.autograd;

import vaelab.tensor.Broadcast;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * Where a broadcasting op's backward adds an input's gradient: straight into the input's gradient
 * when the input has the output's shape, else into a scratch array of the output's shape that
 * {@link #flush} then sums down onto the input.
 */
final class GradSink {
    private GradSink() {
    }

    static float[] open(Tensor input, Shape outShape) {
        return input.shape().equals(outShape) ? input.gradBuffer() : new float[outShape.size()];
    }

    static void flush(float[] sink, Tensor input, Shape outShape) {
        if (!input.shape().equals(outShape)) {
            Broadcast.sumTo(sink, outShape, input.shape(), input.gradBuffer());
        }
    }
}
