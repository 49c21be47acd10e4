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
        if (k == 2) {
            pool2(in, planes, h, w, y, arg);
        } else {
            poolK(in, planes, h, w, k, y, arg);
        }
        return Tensor.fromOp("maxPool2d", y, Shape.of(x.dim(0), x.dim(1), oh, ow), g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                gx[arg[i]] += g[i];
            }
        }, x);
    }

    /** The common 2×2 case, unrolled: the general loop is several times slower. */
    private static void pool2(float[] in, int planes, int h, int w, float[] y, int[] arg) {
        int oh = h / 2, ow = w / 2;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                int top = p * h * w + 2 * oy * w;
                int bottom = top + w;
                for (int ox = 0; ox < ow; ox++, o++) {
                    int i0 = top + 2 * ox;
                    int i2 = bottom + 2 * ox;
                    // First maximum in row-major window order, as the general loop picks.
                    int best = i0;
                    if (in[i0 + 1] > in[best]) {
                        best = i0 + 1;
                    }
                    if (in[i2] > in[best]) {
                        best = i2;
                    }
                    if (in[i2 + 1] > in[best]) {
                        best = i2 + 1;
                    }
                    y[o] = in[best];
                    arg[o] = best;
                }
            }
        }
    }

    private static void poolK(float[] in, int planes, int h, int w, int k, float[] y, int[] arg) {
        int oh = h / k, ow = w / k;
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
    }
}
