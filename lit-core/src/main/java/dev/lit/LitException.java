package dev.lit;

import java.io.Serial;

/** Base of every failure Lit reports. Messages name what failed: the step, the path, the reason. */
public class LitException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    public LitException(String message) {
        super(message);
    }

    public LitException(String message, Throwable cause) {
        super(message, cause);
    }
}
