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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import vaelab.tensor.Parallel;

/**
 * What handing work to the compute threads costs: {@code Parallel.forEach(2, nothing)} after
 * {@code gap} µs of work on the calling thread alone (the elementwise ops between two products of a
 * training step), against that work alone. handOff − work is the cost of one split; after a gap longer
 * than the workers spin (1 ms) they have parked and must be woken.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ParallelBenchmark {
    @Param({"0", "200", "2000"})
    public int gap;

    private volatile int sink;

    private void work() {
        long until = System.nanoTime() + gap * 1000L;
        while (System.nanoTime() < until) {
            Blackhole.consumeCPU(16);
        }
    }

    @Benchmark
    public int handOff() {
        work();
        Parallel.forEach(2, t -> sink = t);
        return sink;
    }

    @Benchmark
    public int workAlone() {
        work();
        return sink;
    }
}
