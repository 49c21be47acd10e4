package vaelab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.autograd.GradCheck;
import vaelab.autograd.GradCheckSuite;

/** Runs the gradient check of every op and prints how close each analytic gradient came. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Check every differentiable op's backward against central finite differences.",
                "The 'worst' column is the largest |analytic - numeric| as a fraction of what the checker allows;",
                "below 1 passes."})
final class GradCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--op", paramLabel = "NAME", description = "Only the cases of this op (e.g. matmul, logSoftmax).")
    String op;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<GradCheckSuite.Case> cases = GradCheckSuite.all().stream()
                .filter(c -> op == null || c.op().equalsIgnoreCase(op)).toList();
        if (cases.isEmpty()) {
            throw new UserException("no op named '" + op + "'; run 'vaelab gradcheck' to list them all");
        }
        out.printf("%-16s %-44s %8s %9s  %s%n", "op", "shapes", "elements", "worst", "result");
        int failed = 0;
        for (GradCheckSuite.Case c : cases) {
            GradCheck.Result r = c.run();
            failed += r.passed() ? 0 : 1;
            out.printf("%-16s %-44s %8d %9.4f  %s%n", c.op(), c.variant(), r.checked(), r.worstRatio(),
                    r.passed() ? "ok" : "FAILED: " + r.worst());
        }
        out.printf("%d passed, %d failed%n", cases.size() - failed, failed);
        return failed == 0 ? 0 : Main.EXIT_FAILURE;
    }
}
