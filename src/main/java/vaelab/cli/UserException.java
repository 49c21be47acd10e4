package vaelab.cli;

/** An error the user can fix (a missing file, a bad value); its message alone is shown. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A step that reads a model file. */
    @FunctionalInterface
    interface ModelFileStep<T> {
        T run() throws vaelab.io.ModelFileException;
    }

    /** Runs {@code step}; a damaged or missing model file becomes a user error with the same one-line message. */
    static <T> T orUserError(ModelFileStep<T> step) {
        try {
            return step.run();
        } catch (vaelab.io.ModelFileException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
