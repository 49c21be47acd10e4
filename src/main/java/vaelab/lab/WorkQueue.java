package vaelab.lab;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The model work of every request passes through here: a few workers and a bounded queue, so a
 * flood of requests is answered 503 at once instead of piling up threads and memory.
 */
final class WorkQueue implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final long timeoutSeconds;

    WorkQueue(int workers, int waiting, long timeoutSeconds) {
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(waiting), r -> {
            Thread t = new Thread(r, "vaelab-lab-work");
            t.setDaemon(true);
            return t;
        });
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs {@code job} on a worker and waits for it; 503 when the queue is full or the job takes too long. */
    <T> T run(Callable<T> job) {
        Future<T> f;
        try {
            f = pool.submit(job);
        } catch (RejectedExecutionException e) {
            throw new LabException(503, "the lab is busy with other requests; try again in a moment");
        }
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new LabException(503, "the request took longer than " + timeoutSeconds + " s and was dropped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(503, "the lab is stopping");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LabException le) {
                throw le;
            }
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw LabException.badRequest(iae.getMessage());
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
