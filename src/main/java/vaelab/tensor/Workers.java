package vaelab.tensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The compute threads behind {@link Parallel#forEach}: workers that, having finished a share, spin a
 * short while for the next one before they park. A training step calls the pool dozens of times,
 * milliseconds apart or less; handing a share to a parked ForkJoinPool worker and joining it cost
 * about 70 µs on 2 vCPUs (a trip through the kernel to wake it), as much as a 128×784×400 product
 * saves by being split. A spinning worker picks the share up in a microsecond or two.
 *
 * <p>One job runs at a time. A job asked for while another runs (from a share of the job itself, or
 * from another application thread) runs on its caller alone: the kernels' results do not depend on
 * how their shares are spread, only their speed does.
 */
final class Workers {
    /** How long an idle worker spins before it parks; {@code -Dvaelab.spinMicros} sets it. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("vaelab.spinMicros", 1000));

    /** One call of forEach: its own counters, so a worker late from the last job cannot claim a share of this one. */
    private static final class Job {
        final IntConsumer body;
        final int tasks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer body, int tasks) {
            this.body = body;
            this.tasks = tasks;
        }

        /** Claims and runs shares until none are left. */
        void work() {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private static final Job NONE = new Job(t -> { }, 0);
    private static final VarHandle PARKED = MethodHandles.arrayElementVarHandle(boolean[].class);

    private final Thread[] threads;
    private final boolean[] parked; // [worker], accessed only through PARKED's volatile reads and writes
    private final ReentrantLock running = new ReentrantLock();
    private volatile Job current = NONE;
    private volatile boolean shutdown;

    Workers(int workers) {
        threads = new Thread[workers];
        parked = new boolean[workers];
        for (int i = 0; i < workers; i++) {
            int index = i;
            Thread w = new Thread(() -> loop(index), "vaelab-compute-" + i);
            w.setDaemon(true);
            threads[i] = w;
        }
        for (Thread w : threads) {
            w.start();
        }
    }

    /** Runs {@code body.accept(t)} for t in [0, tasks) on the caller and the workers, and waits. */
    void forEach(int tasks, IntConsumer body) {
        if (running.isHeldByCurrentThread() || !running.tryLock()) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        try {
            Job job = new Job(body, tasks);
            current = job;
            for (int i = 0; i < threads.length; i++) {
                if (isParked(i)) {
                    LockSupport.unpark(threads[i]);
                }
            }
            job.work();
            for (int spins = 0; job.done.get() < tasks; spins++) {
                if (spins < 1 << 16) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            rethrow(job.failure.get());
        } finally {
            running.unlock();
        }
    }

    /** Stops the workers once they finish what they run now. */
    void shutdown() {
        shutdown = true;
        for (Thread w : threads) {
            LockSupport.unpark(w);
        }
    }

    private void loop(int index) {
        Job last = NONE;
        while (!shutdown) {
            Job job = awaitJob(index, last);
            if (job != null) {
                job.work();
                last = job;
            }
        }
    }

    /** The next job after {@code last}: spins for {@link #SPIN_NANOS}, then parks until woken; null on shutdown. */
    private Job awaitJob(int index, Job last) {
        long start = System.nanoTime();
        while (current == last) {
            if (shutdown) {
                return null;
            }
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            setParked(index, true);
            // Checked again after saying so: a job posted before the flag was seen would otherwise wait.
            if (current == last && !shutdown) {
                LockSupport.park(this);
            }
            setParked(index, false);
        }
        return current;
    }

    private boolean isParked(int i) {
        return (boolean) PARKED.getVolatile(parked, i);
    }

    private void setParked(int i, boolean value) {
        PARKED.setVolatile(parked, i, value);
    }

    private static void rethrow(Throwable failure) {
        if (failure == null) {
            return;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }
}
