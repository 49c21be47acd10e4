package vaelab.cli;

import picocli.CommandLine.Option;
import vaelab.tensor.Parallel;

/** --threads: how many cores the kernels use. */
final class ThreadOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: all cores).")
    Integer threads;

    void apply() {
        if (threads != null) {
            if (threads < 1) {
                throw new UserException("--threads must be at least 1, got " + threads);
            }
            Parallel.setThreads(threads);
        }
    }
}
