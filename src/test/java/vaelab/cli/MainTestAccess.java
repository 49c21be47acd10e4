package vaelab.cli;

/** Lets tests in other packages run the command line and get its exit code. */
public final class MainTestAccess {
    private MainTestAccess() {
    }

    public static int run(String... args) {
        return MainTest.run(args).code();
    }
}
