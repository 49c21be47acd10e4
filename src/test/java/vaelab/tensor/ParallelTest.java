package vaelab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compute threads' contract: every share runs once, failures reach the caller, nothing deadlocks. */
class ParallelTest {
    private int threadsBefore;

    @BeforeEach
    void threeThreads() {
        threadsBefore = Parallel.threads();
        Parallel.setThreads(3);
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(threadsBefore);
    }

    @Test
    void everyShareOfEveryJobRunsExactlyOnce() {
        for (int job = 0; job < 2_000; job++) {
            int tasks = 2 + job % 7;
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            Parallel.forEach(tasks, runs::incrementAndGet);
            for (int t = 0; t < tasks; t++) {
                assertThat(runs.get(t)).as("job %d share %d", job, t).isEqualTo(1);
            }
        }
    }

    @Test
    void sharesRunOnTheWorkersAsWellAsOnTheCaller() {
        java.util.Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int job = 0; job < 200 && names.size() < 2; job++) {
            Parallel.forEach(3, t -> {
                names.add(Thread.currentThread().getName());
                long until = System.nanoTime() + 200_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
        }
        assertThat(names).anyMatch(n -> n.startsWith("vaelab-compute-")).contains(Thread.currentThread().getName());
    }

    @Test
    void aFailingShareReachesTheCallerAndThePoolGoesOn() {
        IllegalStateException boom = new IllegalStateException("share 2 failed");
        assertThatThrownBy(() -> Parallel.forEach(4, t -> {
            if (t == 2) {
                throw boom;
            }
        })).isSameAs(boom);
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Parallel.forEach(4, runs::incrementAndGet);
        assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1]");
    }

    @Test
    void aJobInsideAShareRunsWithoutDeadlock() {
        AtomicIntegerArray runs = new AtomicIntegerArray(9);
        Parallel.forEach(3, outer -> Parallel.forEach(3, inner -> runs.incrementAndGet(outer * 3 + inner)));
        assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1, 1, 1, 1, 1, 1]");
    }

    @Test
    void jobsFromSeveralApplicationThreadsAtOnceAllComplete() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int c = 0; c < 4; c++) {
                results.add(callers.submit(() -> {
                    for (int job = 0; job < 300; job++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(5);
                        Parallel.forEach(5, runs::incrementAndGet);
                        for (int t = 0; t < 5; t++) {
                            if (runs.get(t) != 1) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void workersThatParkedAfterSpinningAreWokenForTheNextJob() throws InterruptedException {
        for (int job = 0; job < 5; job++) {
            Thread.sleep(5); // longer than the workers spin (1 ms by default), so they park
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            Parallel.forEach(3, runs::incrementAndGet);
            assertThat(runs.toString()).isEqualTo("[1, 1, 1]");
        }
    }
}
