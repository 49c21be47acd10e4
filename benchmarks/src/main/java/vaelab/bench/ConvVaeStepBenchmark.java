package vaelab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vaelab.model.ConvVae;
import vaelab.model.VaeLoss;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * One whole training step of the Fashion-MNIST conv VAE (two stride-2 convolutions down, two
 * transposed ones up, latent 32) on a batch of 128: forward, backward, Adam. The step compare.sh's
 * vae-conv times, alone, so that a profiler (-prof stack) can say where it goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvVaeStepBenchmark {
    ConvVae vae;
    Adam adam;
    Tensor batch;
    Rng rng;

    @Setup
    public void setup() {
        rng = new Rng(1);
        vae = ConvVae.fashionMnist(rng);
        adam = new Adam(vae.parameters(), 1e-3f);
        batch = Tensor.uniform(rng, 0f, 1f, 128, 1, 28, 28);
    }

    @Benchmark
    public float convVaeTrainingStep() {
        adam.zeroGrad();
        var elbo = vae.elbo(batch, rng, VaeLoss.ELBO);
        elbo.loss().backward();
        adam.step();
        return elbo.loss().item();
    }
}
