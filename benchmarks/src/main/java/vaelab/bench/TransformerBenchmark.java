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
import vaelab.autograd.Reductions;
import vaelab.nn.TransformerBlock;
import vaelab.optim.Adam;
import vaelab.tensor.Gemm;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * One transformer block's training step at the discrete model's prior shapes: a batch of 64
 * sequences of 95 positions, width 128, 4 heads: forward, backward and Adam. 12·C² multiply-adds
 * per position in the projections and MLP, 2·T·C in attention; the step is three times the forward.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TransformerBenchmark {
    @Param({"vector", "scalar"})
    public String path;

    @Param({"128"})
    public int width;

    TransformerBlock block;
    Adam adam;
    Tensor x;
    boolean[] keep;

    @Setup
    public void setup() {
        Gemm.useVector(path.equals("vector"));
        Rng rng = new Rng(1);
        block = new TransformerBlock(width, 4, 0f, rng);
        adam = new Adam(block.parameters(), 1e-3f);
        x = Tensor.randn(rng, 64, 95, width);
        keep = new boolean[64 * 95];
        java.util.Arrays.fill(keep, true);
        for (int b = 0; b < 64; b++) {
            for (int t = 20; t < 31; t++) {
                keep[b * 95 + t] = false; // padding after a caption, as in the prior's sequences
            }
        }
    }

    @Benchmark
    public float transformerBlockTrainingStep() {
        adam.zeroGrad();
        Tensor loss = Reductions.mean(block.forward(x, keep, null));
        loss.backward();
        adam.step();
        return loss.item();
    }
}
