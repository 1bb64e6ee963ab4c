package dev.lit;

import java.io.Serial;

/**
 * The container was set up, but its command could not be executed: not found,
 * not executable, or another {@code execve} error.
 */
public class ExecFailedException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    private final String command;
    private final boolean notFound;

    public ExecFailedException(String command, boolean notFound, String reason) {
        super("cannot execute " + command + " in the container: " + reason);
        this.command = command;
        this.notFound = notFound;
    }

    public String command() {
        return command;
    }

    /** True when the command does not exist (a shell would exit 127); false when it exists but cannot run (126). */
    public boolean notFound() {
        return notFound;
    }
}
