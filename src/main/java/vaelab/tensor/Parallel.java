package vaelab.tensor;

import java.util.function.IntConsumer;

/**
 * The compute threads the kernels share. The size defaults to the available cores and can be set by
 * {@link #setThreads} or the system property {@code vaelab.threads}; 1 runs everything on the
 * calling thread. Worker threads are daemons, so they never keep a JVM alive.
 */
public final class Parallel {
    private static volatile int threads = initialThreads();
    private static volatile Workers pool;
    private static volatile java.util.concurrent.Executor executor; // the caller's, instead of the pool

    private Parallel() {
    }

    private static int initialThreads() {
        String p = System.getProperty("vaelab.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("system property vaelab.threads must be a whole number, not '" + p + "'");
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public static int threads() {
        return threads;
    }

    /** Sets the number of compute threads (at least 1). Results do not depend on it, only speed. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        if (n != threads) {
            threads = n;
            Workers old = pool;
            pool = null;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    /**
     * Runs the kernels' parallel shares on {@code e} (e.g. an application's own pool) with
     * {@code parallelism} shares at most, instead of vaelab's pool; null goes back to vaelab's pool.
     * The calling thread always runs one share itself, so {@code e} never has to run everything.
     */
    public static synchronized void useExecutor(java.util.concurrent.Executor e, int parallelism) {
        if (e != null && parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        executor = e;
        if (e != null) {
            setThreads(parallelism);
        }
    }

    /** Runs {@code body.accept(t)} for t in [0, tasks), spread over the compute threads, and waits. */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || threads == 1) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        java.util.concurrent.Executor e = executor;
        if (e == null) {
            pool().forEach(tasks, body);
            return;
        }
        java.util.concurrent.Future<?>[] forked = new java.util.concurrent.Future<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            forked[t - 1] = java.util.concurrent.CompletableFuture.runAsync(() -> body.accept(task), e);
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException ex) {
            failure = ex;
        }
        for (java.util.concurrent.Future<?> f : forked) {
            try {
                join(f);
            } catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void join(java.util.concurrent.Future<?> f) {
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for compute tasks", ex);
        }
    }

    private static Workers pool() {
        Workers p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    // The caller runs one share itself, so threads − 1 workers keep every core busy.
                    p = new Workers(Math.max(1, threads - 1));
                    pool = p;
                }
            }
        }
        return p;
    }
}
