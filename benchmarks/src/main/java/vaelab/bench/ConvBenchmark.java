package vaelab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vaelab.autograd.Convolution;
import vaelab.autograd.Reductions;
import vaelab.tensor.Gemm;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Forward + backward (input, weight and bias gradients) of the conv VAE's second layer and of its
 * mirror in the decoder: batch 128, 32 → 64 channels, 16×16 ↔ 8×8, 4×4 kernels, stride 2, pad 1.
 * Useful work: 3 GEMMs of 2·(128·8·8)·64·(32·16) flops each (forward, input and weight gradients).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {
    /** Multiply-adds ×2 of one forward+backward: three products of (8192 × 512) by (512 × 64). */
    public static final double FLOPS = 3.0 * 2 * (128 * 8 * 8) * 64 * (32 * 4 * 4);

    @Param({"vector", "scalar"})
    public String path;

    Tensor x;
    Tensor w;
    Tensor bias;
    Tensor z;
    Tensor wt;
    Tensor biasT;

    @Setup
    public void setup() {
        Gemm.useVector(path.equals("vector"));
        Rng rng = new Rng(1);
        x = Tensor.randn(rng, 128, 32, 16, 16).requiresGrad(true);
        w = Tensor.randn(rng, 64, 32, 4, 4).requiresGrad(true);
        bias = Tensor.randn(rng, 64).requiresGrad(true);
        z = Tensor.randn(rng, 128, 64, 8, 8).requiresGrad(true);
        wt = Tensor.randn(rng, 64, 32, 4, 4).requiresGrad(true);
        biasT = Tensor.randn(rng, 32).requiresGrad(true);
    }

    @Benchmark
    public float conv2dForwardBackward() {
        x.zeroGrad();
        w.zeroGrad();
        bias.zeroGrad();
        Tensor y = Convolution.conv2d(x, w, bias, 2, 1);
        Reductions.sum(y).backward();
        return x.grad()[0];
    }

    @Benchmark
    public float convTranspose2dForwardBackward() {
        z.zeroGrad();
        wt.zeroGrad();
        biasT.zeroGrad();
        Tensor y = Convolution.convTranspose2d(z, wt, biasT, 2, 1, 0);
        Reductions.sum(y).backward();
        return z.grad()[0];
    }
}
