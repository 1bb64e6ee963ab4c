package dev.lit.linux.ffm;

import dev.lit.LitException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A system call failed. The message names the call, what it was applied to, and the errno text. */
public class SyscallException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    private final String syscall;
    private final @Nullable String subject;
    private final int errno;

    public SyscallException(String syscall, @Nullable String subject, int errno) {
        super(syscall + (subject == null ? "" : "(" + subject + ")") + ": " + Errno.describe(errno));
        this.syscall = syscall;
        this.subject = subject;
        this.errno = errno;
    }

    public String syscall() {
        return syscall;
    }

    public @Nullable String subject() {
        return subject;
    }

    public int errno() {
        return errno;
    }
}
