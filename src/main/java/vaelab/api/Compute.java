package vaelab.api;

import java.util.concurrent.Executor;
import vaelab.tensor.Parallel;

/**
 * How many threads vaelab's kernels use, or whose. By default a pool of daemon threads as large as
 * the machine's cores; an application can shrink it, or hand vaelab its own executor. Results never
 * depend on these settings, only speed. Settings are global to the JVM.
 *
 * <pre>{@code
 * Compute.threads(1);                          // everything on the calling threads: no pool at all
 * Compute.executor(myPool, 4);                 // or: kernels run their shares on myPool, 4 at most
 * }</pre>
 */
public final class Compute {
    private Compute() {
    }

    /** Uses {@code n} compute threads (1: run on the caller's thread only). */
    public static void threads(int n) {
        Parallel.useExecutor(null, 1);
        Parallel.setThreads(n);
    }

    /** Runs the kernels' parallel shares on {@code executor}, at most {@code parallelism} at once. */
    public static void executor(Executor executor, int parallelism) {
        if (executor == null) {
            throw new IllegalArgumentException("executor must not be null; use threads(n) for vaelab's own pool");
        }
        Parallel.useExecutor(executor, parallelism);
    }

    /** The number of compute shares the kernels split work into. */
    public static int threads() {
        return Parallel.threads();
    }
}
