package vaelab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same bits, in separate JVMs: tests in one JVM share its compilation state, so a kernel
 * whose compiled and interpreted forms round differently passes them by luck. Here each run is a
 * fresh JVM with other JIT settings (C1 only, C2 only, both), 1 or 2 threads, and 256-bit vectors; every
 * model's parameters, pictures and captions must hash the same.
 */
class ReproducibilityTest {
    @TempDir
    Path dir;

    @Test
    void trainingAndInferenceGiveTheSameBitsWhateverTheJitAndThreads() throws Exception {
        // The last runs the kernels at 256 bits where the machine has 512 (and changes nothing where it has not).
        String[][] settings = {{"2"}, {"1", "-XX:TieredStopAtLevel=1"}, {"2", "-XX:-TieredCompilation"}, {"1", "-XX:-TieredCompilation"},
            {"2", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:UseAVX=2"}};
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (String[] s : settings) {
            String name = String.join(" ", s);
            results.put(name, run(s[0], java.util.Arrays.copyOfRange(s, 1, s.length), dir.resolve("run" + results.size())));
        }
        List<String> first = results.values().iterator().next();
        assertThat(first).hasSize(3);
        results.forEach((name, lines) -> assertThat(lines).as("threads and flags: %s", name).isEqualTo(first));
    }

    private static List<String> run(String threads, String[] flags, Path dir) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-Dvaelab.gemm.parallelThreshold=0"); // small as its products are, split them on the threads asked for
        cmd.addAll(List.of(flags));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("vaelab.testing.ReproducibleRun");
        cmd.add(threads);
        cmd.add(dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.matches("(mlp|crossmodal|discrete) [0-9a-f]{64}")).toList();
    }
}
