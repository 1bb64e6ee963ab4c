package dev.lit.linux.seccomp;

import dev.lit.InvalidSpecException;
import java.io.Serial;

/**
 * A seccomp profile is malformed, or cannot be compiled. {@link #location()} names the
 * place in the JSON document, such as {@code syscalls[3].args[0].op}, or is empty.
 */
public class SeccompProfileException extends InvalidSpecException {
    @Serial private static final long serialVersionUID = 1L;
    /** Where in the profile the mistake is. */
    private final String location;

    /**
     * Creates the exception; its field is {@code security.seccomp}.
     *
     * @param location a JSON path, or "" for the document as a whole
     * @param message what is wrong there
     */
    public SeccompProfileException(String location, String message) {
        super("security.seccomp", location.isEmpty() ? message : location + ": " + message);
        this.location = location;
    }

    /**
     * Where in the profile the mistake is: a JSON path such as {@code syscalls[3].action}, or "".
     *
     * @return the path, or ""
     */
    public String location() {
        return location;
    }
}
