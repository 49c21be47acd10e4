package vaelab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code vaelab} command line. Errors a user can cause end in one line on stderr and a non-zero
 * exit code; {@code --debug} adds the stack trace.
 */
@Command(name = "vaelab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A neural engine in pure Java, and a variational autoencoder on it.",
        subcommands = {TrainCommand.class, EvalCommand.class, VaeViewCommands.Sample.class, VaeViewCommands.Reconstruct.class,
                VaeViewCommands.Interpolate.class, VaeViewCommands.Traverse.class, VaeViewCommands.LatentMap.class,
                VaeViewCommands.Curves.class, DatasetCommand.class, KeywordsCommand.class, GradCheckCommand.class,
                InfoCommand.class, CalibrateCommand.class, DemoCommand.class, SceneCommands.Generate.class, SceneCommands.Caption.class,
                SceneCommands.Sentiment.class, LabCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for a command that ran and reported failure (e.g. a gradient check that failed). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for a usage error: unknown option, bad value. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the full stack trace when a command fails.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * A mistyped word is what the user needs to hear about, with the names nearest to it, even when
     * picocli's first complaint is the required option it then missed.
     */
    static String usageMessage(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        java.util.List<String> unmatched = ex instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched()
                : cmd.getParseResult() == null ? java.util.List.of() : cmd.getParseResult().unmatched();
        if (unmatched.isEmpty()) {
            return ex.getMessage();
        }
        String word = unmatched.get(0);
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        java.util.Collection<String> names = name.startsWith("-") ? cmd.getCommandSpec().optionsMap().keySet() : cmd.getSubcommands().keySet();
        java.util.List<String> near = names.stream().filter(n -> editDistance(n, name) <= Math.max(1, name.length() / 3))
                .sorted(java.util.Comparator.comparingInt((String n) -> editDistance(n, name)).thenComparing(n -> n)).limit(2).toList();
        String what = name.startsWith("-") ? "unknown option" : cmd.getSubcommands().isEmpty() ? "unexpected argument" : "unknown command";
        return what + " '" + word + "'" + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?");
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
    static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** Columns of the help text. */
    static final int HELP_WIDTH = 130;

    /** Runs the command line with the given streams and returns the exit code (testable without exiting). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        // Wide enough that no example command is wrapped inside a path (out/meadow. / png), which breaks copy and paste.
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine cmd = ex.getCommandLine();
            err.println("vaelab: " + usageMessage(ex) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (debug) {
                ex.printStackTrace(err);
            }
            boolean expected = ex instanceof UserException || ex instanceof IllegalArgumentException;
            err.println("vaelab: error: " + describe(ex) + (debug || expected ? "" : " (--debug shows the stack trace)"));
            return EXIT_FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** One line that says what went wrong, for any exception. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (ex instanceof UserException || ex instanceof IllegalArgumentException) {
            return message;
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory; give Java more with VAELAB_JAVA_OPTS=-Xmx8g";
        }
        String kind = ex.getClass().getSimpleName();
        return message == null ? "internal error: " + kind : kind + ": " + message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
