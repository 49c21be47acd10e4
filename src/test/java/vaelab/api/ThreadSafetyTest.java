package vaelab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.testing.TinySceneModel;

/** One loaded model serves many threads at once with the same answers as one thread. */
class ThreadSafetyTest {
    @TempDir
    Path dir;

    static final String[] TEXTS = {"a sunny meadow with flowers", "一个阴郁的场景：暴风雨的夜晚", "hills and a muddy river",
        "a group of animals in the desert", "雪山和清澈的湖泊"};

    /** What call i returns: pixels of every picture, its caption and sentiment, flattened to compare. */
    static List<Object> call(TextImageModel m, int i) {
        TextImageModel.Generation g = m.generate(TEXTS[i % TEXTS.length], 1 + i % 2, i);
        List<Object> out = new ArrayList<>();
        for (TextImageModel.Picture p : g.images()) {
            out.add(java.util.Arrays.toString(p.pixels()));
            out.add(p.caption());
            out.add(p.sentiment());
        }
        out.add(m.describe(g.images().get(0).pixels()).caption());
        return out;
    }

    @Test
    void eightThreadsTimesAHundredCallsMatchSequentialCallsBitForBit() throws Exception {
        TinySceneModel.write(dir.resolve("m.vae"));
        TextImageModel m = TextImageModel.load(dir.resolve("m.vae"));
        int threads = 8;
        int calls = 100;
        List<List<Object>> sequential = new ArrayList<>();
        for (int i = 0; i < threads * calls; i++) {
            sequential.add(call(m, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<List<Object>>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<List<Object>>> work = () -> {
                    List<List<Object>> mine = new ArrayList<>();
                    for (int c = 0; c < calls; c++) {
                        mine.add(call(m, thread * calls + c));
                    }
                    return mine;
                };
                futures.add(pool.submit(work));
            }
            for (int t = 0; t < threads; t++) {
                List<List<Object>> mine = futures.get(t).get();
                for (int c = 0; c < calls; c++) {
                    assertThat(mine.get(c)).as("thread %d call %d", t, c).isEqualTo(sequential.get(t * calls + c));
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
