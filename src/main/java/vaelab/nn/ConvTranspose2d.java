package vaelab.nn;

import vaelab.autograd.Convolution;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A transposed convolution layer (the upsampling of decoders) over (n, in, h, w) batches;
 * weight (in, out, k, k) as in PyTorch, bias (out).
 */
public final class ConvTranspose2d extends Layer {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Tensor weight;
    private final Tensor bias;

    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding, Rng rng) {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0
                || outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("ConvTranspose2d: invalid sizes in=" + inChannels + " out=" + outChannels
                    + " kernel=" + kernel + " stride=" + stride + " padding=" + padding + " outputPadding=" + outputPadding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        // PyTorch computes fan-in from weight.size(1)·k·k, i.e. the output channels, for transposed convs.
        int fanIn = outChannels * kernel * kernel;
        this.weight = parameter("weight", Init.uniformFanIn(rng, fanIn, inChannels, outChannels, kernel, kernel));
        this.bias = parameter("bias", Init.uniformFanIn(rng, fanIn, outChannels));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.convTranspose2d(x, weight, bias, stride, padding, outputPadding);
    }

    @Override
    public String describe() {
        return "ConvTranspose2d(" + inChannels + " → " + outChannels + ", " + kernel + "x" + kernel
                + ", stride " + stride + ", pad " + padding + (outputPadding > 0 ? ", out pad " + outputPadding : "") + ")";
    }
}
