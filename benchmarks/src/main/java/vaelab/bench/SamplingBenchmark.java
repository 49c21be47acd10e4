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
 * 64·L cached steps after a 14-token caption (with guidance, as many again without it), and the decoder. The weights are random; the work is the
 * same as the trained model's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SamplingBenchmark {
    /**
     * K×L, the codebook's size and the codes per cell: the shipped model's 2,048 × 1, the 512 × 1 of
     * the model shipped before it, and two codes of 1,024 per cell (--dvae-depth 2).
     */
    @Param({"2048x1", "512x1", "1024x2"})
    public String codebook;

    /** 1: unguided; 3: the discrete model's default, a second stream of the prior without the caption. */
    @Param({"1", "3"})
    public float guidance;

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
        int codes = Integer.parseInt(codebook.split("x")[0]);
        int depth = Integer.parseInt(codebook.split("x")[1]);
        prior = new CodePrior(new CodePrior.Config(195, codes, 30, 128, 4, 4, 0f, depth), rng);
        vae = new DiscreteVae(new DiscreteVae.Config(3, codes, 64, 128, 0.99f, depth), rng);
        vae.eval();
        caption = new int[] {4, 60, 20, 12, 129, 45, 8, 4, 80, 14, 13, 31, 170, 172};
    }

    @TearDown
    public void restore() {
        Parallel.setThreads(threadsBefore);
    }

    @Benchmark
    public float onePictureOnOneThread() {
        int[] codes = prior.drawCodes(caption, 1, new CodePrior.Sampling(1f, 0, guidance), rng).codes();
        return vae.decode(codes, 1)[0];
    }
}
