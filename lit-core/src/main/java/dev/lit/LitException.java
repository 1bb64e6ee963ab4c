package dev.lit;

import java.io.Serial;

/** Base of every failure Lit reports. Messages name what failed: the step, the path, the reason. */
public class LitException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, and why
     */
    public LitException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, and why
     * @param cause the underlying failure
     */
    public LitException(String message, Throwable cause) {
        super(message, cause);
    }
}
