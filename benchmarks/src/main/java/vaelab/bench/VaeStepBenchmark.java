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
import vaelab.model.ConvVae;
import vaelab.model.DiscreteVae;
import vaelab.model.MlpVae;
import vaelab.model.VaeLoss;
import vaelab.model.VariationalAutoencoder;
import vaelab.optim.Adam;
import vaelab.tensor.Gemm;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * One whole training step (forward, backward, Adam) on a batch of 128: of the 784-400-20 MLP VAE,
 * and of the Fashion-MNIST conv VAE (two stride-2 convolutions down, two transposed ones up, latent
 * 32), the step compare.sh's vae-conv times, alone so that a profiler (-prof stack) can say where it goes;
 * and of the scenes' discrete VAE (convolutions at 32×32 → 8×8 and back, batch 64).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VaeStepBenchmark {
    @Param({"vector", "scalar"})
    public String path;

    MlpVae vae;
    Adam adam;
    Tensor batch;
    Rng rng;

    @Setup
    public void setup() {
        Gemm.useVector(path.equals("vector"));
        rng = new Rng(1);
        vae = MlpVae.fashionMnist(rng);
        adam = new Adam(vae.parameters(), 1e-3f);
        batch = Tensor.uniform(rng, 0f, 1f, 128, 1, 28, 28);
    }

    @Benchmark
    public float mlpVaeTrainingStep() {
        return step(vae, adam, batch, rng);
    }

    /** The conv VAE, on the kernel path chosen by {@link VaeStepBenchmark#path}. */
    @State(Scope.Benchmark)
    public static class ConvVaeState {
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
    }

    @Benchmark
    public float convVaeTrainingStep(ConvVaeState conv) {
        return step(conv.vae, conv.adam, conv.batch, conv.rng);
    }

    /** The scenes' discrete VAE as the shipped recipe trains it: 2,048 codes, hidden 128, batch 64 of 32×32 RGB. */
    @State(Scope.Benchmark)
    public static class DiscreteVaeState {
        DiscreteVae vae;
        Adam adam;
        Tensor batch;

        @Setup
        public void setup() {
            Rng rng = new Rng(1);
            vae = new DiscreteVae(new DiscreteVae.Config(3, 2048, 64, 128, 0.99f), rng);
            adam = new Adam(vae.parameters(), 1e-3f);
            batch = Tensor.uniform(rng, 0f, 1f, 64, 3, 32, 32);
        }
    }

    @Benchmark
    public float discreteVaeTrainingStep(DiscreteVaeState d) {
        d.adam.zeroGrad();
        DiscreteVae.Loss loss = d.vae.loss(d.batch, 0.25f);
        loss.total().backward();
        d.adam.step();
        return loss.total().item();
    }

    private static float step(VariationalAutoencoder vae, Adam adam, Tensor batch, Rng rng) {
        adam.zeroGrad();
        var elbo = vae.elbo(batch, rng, VaeLoss.ELBO);
        elbo.loss().backward();
        adam.step();
        return elbo.loss().item();
    }
}
