package dev.lit.cli;

import dev.lit.ExecFailedException;
import dev.lit.ExitStatus;

/**
 * The exit statuses of {@code lit}, Docker's where they overlap: a container's own status
 * passes through; 125, 126 and 127 say that the container's command never ran.
 */
final class ExitCodes {
    /** Lit itself failed: bad flags, a bad lit.yml, or a runtime error. */
    static final int LIT_FAILED = 125;
    /** The command exists but cannot be invoked (not executable, a directory, ...). */
    static final int CANNOT_INVOKE = 126;
    /** The command was not found in the container. */
    static final int NOT_FOUND = 127;

    private ExitCodes() {
    }

    /** The status for a failure that kept the command from running (or Lit from working). */
    static int of(Throwable failure) {
        if (failure instanceof ExecFailedException e) {
            return e.notFound() ? NOT_FOUND : CANNOT_INVOKE;
        }
        return LIT_FAILED;
    }

    /** The status for a container that ran: its exit code, or 128 plus the signal that ended it. */
    static int of(ExitStatus status) {
        return status.code();
    }
}
