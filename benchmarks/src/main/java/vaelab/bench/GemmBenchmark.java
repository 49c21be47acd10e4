package vaelab.bench;

import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
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
import vaelab.tensor.Gemm;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * C = A·B, float32, row-major, on the same inputs: the engine's scalar and Vector API paths (on all
 * cores), EJML's single-threaded and concurrent multiplications. table.py turns the times into GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    /** A square size n (n×n·n×n), or M×K×N. */
    @Param({"128", "256", "512", "1024", "128x784x400", "128x400x784"})
    public String shape;

    int m;
    int k;
    int n;
    float[] a;
    float[] b;
    float[] c;
    FMatrixRMaj ea;
    FMatrixRMaj eb;
    FMatrixRMaj ec;

    @Setup
    public void setup() {
        String[] parts = shape.split("x");
        m = Integer.parseInt(parts[0]);
        k = parts.length == 3 ? Integer.parseInt(parts[1]) : m;
        n = parts.length == 3 ? Integer.parseInt(parts[2]) : m;
        Rng rng = new Rng(42);
        a = Tensor.randn(rng, m * k).data();
        b = Tensor.randn(rng, k * n).data();
        c = new float[m * n];
        ea = new FMatrixRMaj(m, k, true, a);
        eb = new FMatrixRMaj(k, n, true, b);
        ec = new FMatrixRMaj(m, n);
    }

    @Benchmark
    public float[] scalar() {
        Gemm.useVector(false);
        Gemm.nn(m, n, k, a, 0, b, 0, c, 0, false);
        return c;
    }

    @Benchmark
    public float[] vector() {
        Gemm.useVector(true);
        Gemm.nn(m, n, k, a, 0, b, 0, c, 0, false);
        return c;
    }

    @Benchmark
    public FMatrixRMaj ejml() {
        CommonOps_FDRM.mult(ea, eb, ec);
        return ec;
    }

    @Benchmark
    public FMatrixRMaj ejmlConcurrent() {
        CommonOps_MT_FDRM.mult(ea, eb, ec);
        return ec;
    }
}
