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

    /**
     * Uses vaelab's own pool of daemon threads.
     *
     * @param n compute threads; 1 runs everything on the calling threads
     */
    public static void threads(int n) {
        Parallel.useExecutor(null, 1);
        Parallel.setThreads(n);
    }

    /**
     * Runs the kernels' parallel shares on the caller's executor instead.
     *
     * @param executor    where the shares run; the calling thread always runs one itself
     * @param parallelism at most this many shares per product
     */
    public static void executor(Executor executor, int parallelism) {
        if (executor == null) {
            throw new IllegalArgumentException("executor must not be null; use threads(n) for vaelab's own pool");
        }
        Parallel.useExecutor(executor, parallelism);
    }

    /**
     * The number of shares the kernels split work into.
     *
     * @return the current setting
     */
    public static int threads() {
        return Parallel.threads();
    }
}
