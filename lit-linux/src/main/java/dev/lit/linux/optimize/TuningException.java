package dev.lit.linux.optimize;

import dev.lit.LitException;
import java.io.Serial;

/** The tuner could not read or write a memory cgroup file; the message names the file. */
public class TuningException extends LitException {
    @Serial private static final long serialVersionUID = 1L;

    public TuningException(String message) {
        super(message);
    }

    public TuningException(String message, Throwable cause) {
        super(message, cause);
    }
}
