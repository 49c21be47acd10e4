package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("gradcheck", "info", "Usage: vaelab");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"gradcheck", "info"}) {
            Run r = run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: vaelab " + cmd);
        }
    }

    @Test
    void anUnknownOptionIsOneLineAndExitTwo() {
        Run r = run("gradcheck", "--bogus");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--bogus").contains("vaelab gradcheck --help");
    }

    @Test
    void anUnknownCommandIsOneLine() {
        Run r = run("frobnicate");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("frobnicate");
    }

    @Test
    void aMistypedOptionOrCommandIsNamedWithTheNearestOnes() {
        Run r = run("generate", "--txt", "a meadow");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        // Not "missing required option --text": the typo is what went wrong.
        assertThat(r.err().strip()).isEqualTo("vaelab: unknown option '--txt'; did you mean --text? (see 'vaelab generate --help')");
        assertThat(run("genrate", "--text", "a").err().strip())
                .isEqualTo("vaelab: unknown command 'genrate'; did you mean generate? (see 'vaelab --help')");
        assertThat(run("eval", "--model", "x.vae", "--jsn").err()).contains("did you mean --json?");
        assertThat(run("frobnicate").err().strip()).isEqualTo("vaelab: unknown command 'frobnicate' (see 'vaelab --help')");
        assertThat(Main.editDistance("--txt", "--text")).isEqualTo(1);
        assertThat(Main.editDistance("genrate", "generate")).isEqualTo(1);
        assertThat(Main.editDistance("", "abc")).isEqualTo(3);
    }

    @Test
    void aKindWhereAFileIsWantedAndAFileWhereAKindIsWantedSayWhichIsWhich() {
        assertThat(run("generate", "--model", "crossmodal", "--text", "a meadow").err().strip()).isEqualTo("vaelab: error: no model file"
                + " at crossmodal; --model here names a model file, while 'crossmodal' is a kind of model for 'vaelab train --model'");
        assertThat(run("sample", "--model", "vae-mlp").err()).contains("'vae-mlp' is a kind of model for 'vaelab train --model'");
        assertThat(run("train", "--model", "data/models/scenes.vae").err())
                .contains("(train's --model names a kind; the file goes to --out, or to --resume with --out)");
    }

    @Test
    void helpNeverWrapsInsideAFileName() {
        for (String command : new String[] {"generate", "caption", "sentiment", "demo", "train", "eval", "dataset", "keywords", "sample"}) {
            String help = run(command, "--help").out();
            assertThat(help.lines()).as(command).noneMatch(l -> l.matches("\\s*(png|vae|html|tsv|json|jpg|txt)\\b.*"));
            assertThat(help.lines()).as(command).allMatch(l -> l.length() <= Main.HELP_WIDTH);
        }
    }

    @Test
    void aUserErrorIsOneLineWithoutStackTrace() {
        Run r = run("gradcheck", "--op", "nope");
        assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("vaelab: error: no op named 'nope'").doesNotContain("\tat ");
    }

    @Test
    void debugShowsTheStackTrace() {
        Run r = run("gradcheck", "--op", "nope", "--debug");
        assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err()).contains("\tat ").contains("UserException");
    }

    @Test
    void gradcheckOfOneOpPrintsItsCasesAndPasses() {
        Run r = run("gradcheck", "--op", "matmul");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("batched (2, 3, 4)").contains("5 passed, 0 failed");
    }

    @Test
    void infoNamesTheRuntime() {
        Run r = run("info");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("cores:").contains("Java");
    }

    @Test
    void anUnexpectedExceptionIsDescribedInOneLine() {
        assertThat(Main.describe(new NullPointerException())).isEqualTo("internal error: NullPointerException");
        assertThat(Main.describe(new IllegalStateException("bad state"))).isEqualTo("IllegalStateException: bad state");
        assertThat(Main.describe(new IllegalArgumentException("shapes (2,) and (3,) differ"))).isEqualTo("shapes (2,) and (3,) differ");
    }
}
