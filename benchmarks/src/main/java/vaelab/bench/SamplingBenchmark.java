package vaelab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vaelab.model.CodePrior;
import vaelab.model.DiscreteVae;
import vaelab.tensor.Parallel;
import vaelab.tensor.Rng;

/**
 * Drawing one picture from a caption on one thread with the discrete model's shapes: the prior's
 * 64 cached steps after a 14-token caption, and the decoder. The weights are random; the work is the
 * same as the trained model's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SamplingBenchmark {
    /** The codebook's size: the shipped model's 2,048, or the 512 of the model shipped before it. */
    @Param({"2048", "512"})
    public int codes;

    CodePrior prior;
    DiscreteVae vae;
    Rng rng;
    int[] caption;
    int threadsBefore;

    @Setup
    public void setup() {
        threadsBefore = Parallel.threads();
        Parallel.setThreads(1);
        rng = new Rng(1);
        prior = new CodePrior(new CodePrior.Config(195, codes, 30, 128, 4, 4, 0f), rng);
        vae = new DiscreteVae(new DiscreteVae.Config(3, codes, 64, 128, 0.99f), rng);
        vae.eval();
        caption = new int[] {4, 60, 20, 12, 129, 45, 8, 4, 80, 14, 13, 31, 170, 172};
    }

    @TearDown
    public void restore() {
        Parallel.setThreads(threadsBefore);
    }

    @Benchmark
    public float onePictureOnOneThread() {
        int[] codes = prior.drawCodes(caption, 1, new CodePrior.Sampling(1f, 0), rng).codes();
        return vae.decode(codes, 1)[0];
    }
}
