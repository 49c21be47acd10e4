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
import vaelab.model.MlpVae;
import vaelab.model.VaeLoss;
import vaelab.optim.Adam;
import vaelab.tensor.Elementwise;
import vaelab.tensor.Gemm;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The MLP VAE's training step (784-400-20, batch 128) taken apart, so that what is not matrix
 * products can be seen: the whole step; forward and backward without the optimizer; the forward
 * alone; Adam alone; and the step's matrix products alone — the same {@link Gemm} calls at the same
 * shapes that {@code MatMul} makes for the five dense layers (forward C = X·W, backward dX = dY·Wᵀ
 * except for the input, dW = Xᵀ·dY), on arrays of their sizes. step − gemms is everything else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VaeStepPartsBenchmark {
    static final int BATCH = 128;
    /** (in, out) of fc1, fc21, fc22, fc3, fc4. */
    static final int[][] LAYERS = {{784, 400}, {400, 20}, {400, 20}, {20, 400}, {400, 784}};

    /** The elementwise kernels (BCE, Adam) on the Vector API or as plain loops; the GEMM is the vector one throughout. */
    @Param({"vector", "scalar"})
    public String elementwise;

    MlpVae vae;
    Adam adam;
    Tensor batch;
    Rng rng;
    float[][] x;  // [layer] (BATCH, in)
    float[][] w;  // [layer] (in, out)
    float[][] y;  // [layer] (BATCH, out), also the incoming gradient
    float[][] dx; // [layer] (BATCH, in)
    float[][] dw; // [layer] (in, out)

    @Setup
    public void setup() {
        Gemm.useVector(true);
        Elementwise.useVector(elementwise.equals("vector"));
        rng = new Rng(1);
        vae = MlpVae.fashionMnist(rng);
        adam = new Adam(vae.parameters(), 1e-3f);
        batch = Tensor.uniform(rng, 0f, 1f, BATCH, 1, 28, 28);
        vae.elbo(batch, rng, VaeLoss.ELBO).loss().backward(); // gradients for adamStep
        int n = LAYERS.length;
        x = new float[n][];
        w = new float[n][];
        y = new float[n][];
        dx = new float[n][];
        dw = new float[n][];
        for (int l = 0; l < n; l++) {
            int in = LAYERS[l][0];
            int out = LAYERS[l][1];
            x[l] = Tensor.uniform(rng, -1f, 1f, BATCH, in).data();
            w[l] = Tensor.uniform(rng, -0.05f, 0.05f, in, out).data();
            y[l] = Tensor.uniform(rng, -1f, 1f, BATCH, out).data();
            dx[l] = new float[BATCH * in];
            dw[l] = new float[in * out];
        }
    }

    @Benchmark
    public float step() {
        adam.zeroGrad();
        var elbo = vae.elbo(batch, rng, VaeLoss.ELBO);
        elbo.loss().backward();
        adam.step();
        return elbo.loss().item();
    }

    @Benchmark
    public float forwardAndBackward() {
        adam.zeroGrad();
        var elbo = vae.elbo(batch, rng, VaeLoss.ELBO);
        elbo.loss().backward();
        return elbo.loss().item();
    }

    @Benchmark
    public float forward() {
        return vae.elbo(batch, rng, VaeLoss.ELBO).loss().item();
    }

    @Benchmark
    public long adamStep() {
        adam.step();
        return adam.steps();
    }

    @Benchmark
    public float gemms() {
        for (int l = 0; l < LAYERS.length; l++) {
            int in = LAYERS[l][0];
            int out = LAYERS[l][1];
            Gemm.nn(BATCH, out, in, x[l], 0, w[l], 0, y[l], 0, false);
        }
        for (int l = LAYERS.length - 1; l >= 0; l--) {
            int in = LAYERS[l][0];
            int out = LAYERS[l][1];
            if (l > 0) {
                Gemm.nt(BATCH, in, out, y[l], 0, w[l], 0, dx[l], 0, false);
            }
            Gemm.tn(in, out, BATCH, x[l], 0, y[l], 0, dw[l], 0, false);
        }
        return dw[0][0];
    }
}
