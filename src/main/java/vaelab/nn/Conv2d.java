package vaelab.nn;

import vaelab.autograd.Convolution;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** A 2-D convolution layer over (n, in, h, w) batches; weight (out, in, k, k), bias (out). */
public final class Conv2d extends Layer {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Tensor weight;
    private final Tensor bias;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Rng rng) {
        this(inChannels, outChannels, kernel, stride, padding, Init.Scheme.PYTORCH_DEFAULT, rng);
    }

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Init.Scheme init, Rng rng) {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: invalid sizes in=" + inChannels + " out=" + outChannels
                    + " kernel=" + kernel + " stride=" + stride + " padding=" + padding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        int fanIn = inChannels * kernel * kernel;
        int fanOut = outChannels * kernel * kernel;
        this.weight = parameter("weight", init.make(rng, fanIn, fanOut, outChannels, inChannels, kernel, kernel));
        this.bias = parameter("bias", init == Init.Scheme.PYTORCH_DEFAULT
                ? Init.uniformFanIn(rng, fanIn, outChannels) : Tensor.zeros(outChannels));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv2d(x, weight, bias, stride, padding);
    }

    @Override
    public String describe() {
        return "Conv2d(" + inChannels + " → " + outChannels + ", " + kernel + "x" + kernel
                + ", stride " + stride + ", pad " + padding + ")";
    }
}
