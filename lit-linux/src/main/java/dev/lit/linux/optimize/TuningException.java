package dev.lit.linux.optimize;

import dev.lit.LitException;
import java.io.Serial;

/** The tuner could not read or write a memory cgroup file; the message names the file. */
public class TuningException extends LitException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the file
     */
    public TuningException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, naming the file
     * @param cause the underlying failure
     */
    public TuningException(String message, Throwable cause) {
        super(message, cause);
    }
}
