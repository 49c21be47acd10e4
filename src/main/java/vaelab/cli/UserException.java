package vaelab.cli;

/** An error the user can fix (a missing file, a bad value); its message alone is shown. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
