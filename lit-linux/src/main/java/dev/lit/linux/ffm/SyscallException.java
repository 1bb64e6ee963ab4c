package dev.lit.linux.ffm;

import dev.lit.LitException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A system call failed. The message names the call, what it was applied to, and the errno text. */
public class SyscallException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    /** The failed call's name. */
    private final String syscall;
    /** What the call was applied to, or null. */
    private final @Nullable String subject;
    /** The errno value the call set. */
    private final int errno;

    /**
     * Creates the exception; the message reads {@code syscall(subject): errno text (ENAME)}.
     *
     * @param syscall the call, such as {@code mount}
     * @param subject what it was applied to, such as a path; null for nothing in particular
     * @param errno the errno value the call set
     */
    public SyscallException(String syscall, @Nullable String subject, int errno) {
        super(syscall + (subject == null ? "" : "(" + subject + ")") + ": " + Errno.describe(errno));
        this.syscall = syscall;
        this.subject = subject;
        this.errno = errno;
    }

    /**
     * The failed call.
     *
     * @return its name
     */
    public String syscall() {
        return syscall;
    }

    /**
     * What the call was applied to.
     *
     * @return the subject, or null
     */
    public @Nullable String subject() {
        return subject;
    }

    /**
     * The errno value, to compare with {@link Errno}'s constants.
     *
     * @return the value
     */
    public int errno() {
        return errno;
    }
}
