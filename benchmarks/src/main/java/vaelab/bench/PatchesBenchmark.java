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
import vaelab.tensor.GemmOperand;
import vaelab.tensor.Im2col;
import vaelab.tensor.Patches;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The unfolding of a convolution's patches on one thread, at the discrete VAE's shapes (batch 64): written
 * out whole by {@link Im2col#im2col} (the reference), and packed the way the GEMM asks {@link Patches}
 * for it: panels of 16 columns by 256 rows for a forward, 256 columns by 16 rows of the transpose for a
 * weight gradient. Each call unfolds the same c·kh·kw × n·oh·ow values, so the times compare directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PatchesBenchmark {
    /** channels×size, kernel, stride: the decoder's 3×3 at 16×16, the encoder's 4×4 stride 2, a residual 3×3 at 8×8. */
    @Param({"64x16-k3s1", "64x16-k4s2", "128x8-k3s1"})
    public String shape;

    static final int N = 64;
    static final int KC = 256;
    static final int NR = 16;

    int c, size, k, stride, rows, columns;
    float[] x;
    float[] cols;
    float[] panel;
    Patches patches;

    @Setup
    public void setup() {
        String[] parts = shape.split("[x\\-ks]");
        c = Integer.parseInt(parts[0]);
        size = Integer.parseInt(parts[1]);
        k = Integer.parseInt(parts[3]);
        stride = Integer.parseInt(parts[4]);
        x = Tensor.randn(new Rng(1), N * c * size * size).data();
        patches = Patches.of(x, N, c, size, size, k, k, stride, 1);
        int out = Im2col.outputSize(size, k, stride, 1);
        rows = c * k * k;
        columns = N * out * out;
        cols = new float[rows * columns];
        panel = new float[KC * NR];
    }

    @Benchmark
    public float[] im2col() {
        Im2col.im2col(x, N, c, size, size, k, k, stride, 1, cols);
        return cols;
    }

    @Benchmark
    public float[] forwardPanels() {
        for (int p0 = 0; p0 < rows; p0 += KC) {
            int kc = Math.min(KC, rows - p0);
            for (int j0 = 0; j0 < columns; j0 += NR) {
                patches.block(p0, kc, j0, Math.min(NR, columns - j0), panel, 0, NR);
            }
        }
        return panel;
    }

    @Benchmark
    public float[] transposedPanels() {
        GemmOperand t = patches.transposed();
        for (int p0 = 0; p0 < columns; p0 += KC) {
            int kc = Math.min(KC, columns - p0);
            for (int j0 = 0; j0 < rows; j0 += NR) {
                t.block(p0, kc, j0, Math.min(NR, rows - j0), panel, 0, NR);
            }
        }
        return panel;
    }
}
