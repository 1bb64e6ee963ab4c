package dev.lit;

import java.io.Serial;

/**
 * The container was set up, but its command could not be executed: not found,
 * not executable, or another {@code execve} error.
 */
public class ExecFailedException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    /** The command as the caller gave it. */
    private final String command;
    /** Whether the executable was not found, rather than found but not executable. */
    private final boolean notFound;

    /**
     * Creates the exception.
     *
     * @param command the command, for the message
     * @param notFound true when the executable does not exist
     * @param reason what execve reported, such as its errno text
     */
    public ExecFailedException(String command, boolean notFound, String reason) {
        super("cannot execute " + command + " in the container: " + reason);
        this.command = command;
        this.notFound = notFound;
    }

    /**
     * The command that could not be executed.
     *
     * @return the command as the caller gave it
     */
    public String command() {
        return command;
    }

    /**
     * True when the command does not exist (a shell would exit 127); false when it exists but cannot run
     * (126).
     *
     * @return true for not found, false for not executable
     */
    public boolean notFound() {
        return notFound;
    }
}
