package dev.lit.linux.cgroup;

import dev.lit.LitException;
import java.io.Serial;

/** A cgroup could not be created, configured or removed; the message names the file and the reason. */
public class CgroupException extends LitException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the cgroup file
     */
    public CgroupException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, naming the cgroup file
     * @param cause the underlying failure
     */
    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
