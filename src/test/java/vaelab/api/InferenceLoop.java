package vaelab.api;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Runs many inference calls of one loaded scene model and reports what they cost: run in a JVM
 * with a small heap by {@link BoundedMemoryTest}. Prints one line: calls, allocated bytes per call
 * (all threads' work runs on the caller here: vaelab.threads=1), heap in use after the first and
 * after the last call (each after a full GC), and milliseconds per call.
 */
public final class InferenceLoop {
    private InferenceLoop() {
    }

    public static void main(String[] args) throws Exception {
        TextImageModel model = TextImageModel.load(Path.of(args[0]));
        int calls = Integer.parseInt(args[1]);
        int candidates = Integer.parseInt(args[2]);
        String[] texts = {"a sunny meadow with flowers and a clear lake", "一个阴郁的场景：暴风雨的夜晚，光秃秃的树和浑浊的河流",
            "snow-capped mountains under a starry night", "a group of animals near a muddy river in the desert"};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        model.generate(texts[0], 1, 0, TextImageModel.DEFAULT_TEMPERATURE, candidates);
        long heapAfterFirst = usedAfterGc();
        long allocated = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            model.generate(texts[i % texts.length], 1, i, TextImageModel.DEFAULT_TEMPERATURE, candidates);
        }
        long seconds = System.nanoTime() - start;
        allocated = threads.getThreadAllocatedBytes(id) - allocated;
        long heapAfterLast = usedAfterGc();
        System.out.printf("calls %d bytes_per_call %d heap_after_first %d heap_after_last %d ms_per_call %.2f%n", calls,
                allocated / calls, heapAfterFirst, heapAfterLast, seconds / 1e6 / calls);
    }

    private static long usedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
