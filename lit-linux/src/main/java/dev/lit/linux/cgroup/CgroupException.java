package dev.lit.linux.cgroup;

import dev.lit.LitException;
import java.io.Serial;

/** A cgroup could not be created, configured or removed; the message names the file and the reason. */
public class CgroupException extends LitException {
    @Serial private static final long serialVersionUID = 1L;

    public CgroupException(String message) {
        super(message);
    }

    public CgroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
