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
 * 2,000 inference calls of the shipped scene model (each the default 16 candidate codes for one
 * picture) in a JVM limited to 256 MB of heap: each call allocates a bounded amount (its tensors,
 * all garbage when it returns) and nothing accumulates.
 */
class BoundedMemoryTest {
    static final Path SHIPPED = Path.of("data/models/scenes.vae");

    @Test
    void twoThousandCallsFitIn256Megabytes() throws Exception {
        assertThat(SHIPPED).as("the shipped model").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-Dvaelab.threads=1",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                InferenceLoop.class.getName(), SHIPPED.toString(), "2000"));
        pb.redirectErrorStream(true);
        File log = Files.createTempFile("inference", ".log").toFile();
        pb.redirectOutput(log);
        Process p = pb.start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("finished").isTrue();
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("calls (\\d+) bytes_per_call (\\d+) heap_after_first (\\d+) heap_after_last (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(2_000);
        long perCall = Long.parseLong(m.group(2));
        long growth = Long.parseLong(m.group(4)) - Long.parseLong(m.group(3));
        System.out.println("BoundedMemoryTest: " + out.lines().filter(l -> l.startsWith("calls")).findFirst().orElse(out));
        // docs/EMBEDDING.md states what one call of one picture allocates; allow room, not a leak.
        assertThat(perCall).isBetween(100_000L, 40_000_000L);
        assertThat(growth).as("heap growth over 2,000 calls").isLessThan(8L << 20);
    }
}
