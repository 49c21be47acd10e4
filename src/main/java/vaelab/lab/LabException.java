package vaelab.lab;

/** A request the lab answers with an HTTP error status and a message for the page, never a stack trace. */
public final class LabException extends RuntimeException {
    private final int status;

    public LabException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static LabException badRequest(String message) {
        return new LabException(400, message);
    }
}
