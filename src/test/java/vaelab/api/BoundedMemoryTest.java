package vaelab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Inference calls of the shipped scene model in a JVM limited to 256 MB of heap: each call allocates
 * a bounded amount (its tensors, all garbage when it returns) and nothing accumulates. Once with one
 * candidate code per picture (10,000 calls), once with the default 16 (2,000 calls).
 */
class BoundedMemoryTest {
    static final Path SHIPPED = Path.of("data/models/scenes.vae");

    @Test
    void tenThousandOneCandidateCallsFitIn256Megabytes() throws Exception {
        // docs/EMBEDDING.md states about 1.6 MB per call of one picture and one candidate; allow room, not a leak.
        run(10_000, 1, 4_000_000L);
    }

    @Test
    void twoThousandCallsWithTheDefaultCandidatesFitIn256Megabytes() throws Exception {
        // docs/EMBEDDING.md states about 12 MB per call of one picture chosen from 16; allow room, not a leak.
        run(2_000, TextImageModel.DEFAULT_CANDIDATES, 40_000_000L);
    }

    private static void run(int calls, int candidates, long maxBytesPerCall) throws Exception {
        assertThat(SHIPPED).as("the shipped model").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-Dvaelab.threads=1",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                InferenceLoop.class.getName(), SHIPPED.toString(), "" + calls, "" + candidates));
        pb.redirectErrorStream(true);
        File log = Files.createTempFile("inference", ".log").toFile();
        pb.redirectOutput(log);
        Process p = pb.start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("finished").isTrue();
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("calls (\\d+) bytes_per_call (\\d+) heap_after_first (\\d+) heap_after_last (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(calls);
        long perCall = Long.parseLong(m.group(2));
        long growth = Long.parseLong(m.group(4)) - Long.parseLong(m.group(3));
        System.out.println("BoundedMemoryTest, candidates " + candidates + ": "
                + out.lines().filter(l -> l.startsWith("calls")).findFirst().orElse(out));
        assertThat(perCall).isBetween(100_000L, maxBytesPerCall);
        assertThat(growth).as("heap growth over " + calls + " calls").isLessThan(8L << 20);
    }
}
