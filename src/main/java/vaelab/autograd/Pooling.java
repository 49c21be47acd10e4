package vaelab.autograd;

import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/** Max pooling over square windows of (n, c, h, w) batches. */
public final class Pooling {
    private Pooling() {
    }

    /**
     * The maximum of each k×k window, windows stepping by k (no overlap; a remainder at the edge is
     * dropped). The gradient goes to the first position of each window's maximum.
     */
    public static Tensor maxPool2d(Tensor x, int k) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("maxPool2d needs (n, c, h, w), got " + x.shape());
        }
        if (k < 1 || k > x.dim(2) || k > x.dim(3)) {
            throw new IllegalArgumentException("maxPool2d window " + k + " does not fit " + x.shape());
        }
        int planes = x.dim(0) * x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = h / k, ow = w / k;
        float[] in = x.data();
        float[] y = new float[planes * oh * ow];
        int[] arg = new int[y.length];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int best = p * h * w + oy * k * w + ox * k;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            int idx = p * h * w + (oy * k + i) * w + ox * k + j;
                            if (in[idx] > in[best]) {
                                best = idx;
                            }
                        }
                    }
                    int o = (p * oh + oy) * ow + ox;
                    y[o] = in[best];
                    arg[o] = best;
                }
            }
        }
        return Tensor.fromOp("maxPool2d", y, Shape.of(x.dim(0), x.dim(1), oh, ow), g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                gx[arg[i]] += g[i];
            }
        }, x);
    }
}
