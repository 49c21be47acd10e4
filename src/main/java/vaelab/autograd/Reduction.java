package vaelab.autograd;

import java.util.Arrays;
import vaelab.tensor.Shape;

/** How a loss turns its elementwise values into its result. */
public enum Reduction {
    /** Keep one value per element. */
    NONE,
    /** The sum of all elements. */
    SUM,
    /** The mean of all elements. */
    MEAN,
    /**
     * The sum divided by the size of axis 0: a loss summed over each example's elements (pixels,
     * latent dimensions) and averaged over the batch, as the VAE's ELBO is.
     */
    BATCH_MEAN;

    Shape outShape(Shape in) {
        return this == NONE ? in : Shape.scalar();
    }

    /** The factor by which the sum is multiplied. */
    float scale(Shape in) {
        return switch (this) {
            case NONE, SUM -> 1f;
            case MEAN -> in.size() == 0 ? 0f : 1f / in.size();
            case BATCH_MEAN -> {
                if (in.rank() == 0 || in.dim(0) == 0) {
                    throw new IllegalArgumentException("BATCH_MEAN needs a batch axis of size > 0, got shape " + in);
                }
                yield 1f / in.dim(0);
            }
        };
    }

    float[] reduce(float[] values, Shape in) {
        if (this == NONE) {
            return values;
        }
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return new float[] {(float) (sum * scale(in))};
    }

    /** The gradient reaching each element, given the gradient of the reduced result. */
    float[] upstream(float[] g, Shape in) {
        if (this == NONE) {
            return g;
        }
        float[] up = new float[in.size()];
        Arrays.fill(up, g[0] * scale(in));
        return up;
    }
}
