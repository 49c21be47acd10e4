package vaelab.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What this installation runs on: versions, cores, memory. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the Java runtime, cores and memory vaelab sees.")
final class InfoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        out.println(new VersionProvider().getVersion()[0]);
        out.printf("java home:  %s%n", System.getProperty("java.home"));
        out.printf("cores:      %d%n", rt.availableProcessors());
        out.printf("max heap:   %d MiB%n", rt.maxMemory() >> 20);
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        out.printf("Vector API: %s%n", vector ? "available" : "not enabled (the scalar kernels run)");
    }
}
