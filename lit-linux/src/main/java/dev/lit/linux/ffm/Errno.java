package dev.lit.linux.ffm;

import java.util.Map;

/** errno values Lit reacts to, and their text as strerror(3) gives it. */
public final class Errno {
    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such process. */
    public static final int ESRCH = 3;
    /** Interrupted system call; Lit's calls retry it. */
    public static final int EINTR = 4;
    /** Resource temporarily unavailable (also EWOULDBLOCK). */
    public static final int EAGAIN = 11;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Device or resource busy, such as a mount still in use. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** Not a directory. */
    public static final int ENOTDIR = 20;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** No space left on device. */
    public static final int ENOSPC = 28;
    /** Broken pipe: the reading end is closed. */
    public static final int EPIPE = 32;
    /** Function not implemented: the kernel lacks the system call. */
    public static final int ENOSYS = 38;
    /** Directory not empty. */
    public static final int ENOTEMPTY = 39;
    /** Too many levels of symbolic links, or a link where none may be. */
    public static final int ELOOP = 40;
    /** Operation not supported, such as a filesystem without extended attributes. */
    public static final int EOPNOTSUPP = 95;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(ESRCH, "ESRCH"),
            Map.entry(EINTR, "EINTR"), Map.entry(EAGAIN, "EAGAIN"), Map.entry(EACCES, "EACCES"),
            Map.entry(EBUSY, "EBUSY"), Map.entry(EEXIST, "EEXIST"), Map.entry(ENOTDIR, "ENOTDIR"),
            Map.entry(EINVAL, "EINVAL"), Map.entry(ENOSPC, "ENOSPC"), Map.entry(EPIPE, "EPIPE"),
            Map.entry(ENOSYS, "ENOSYS"), Map.entry(ENOTEMPTY, "ENOTEMPTY"), Map.entry(ELOOP, "ELOOP"),
            Map.entry(EOPNOTSUPP, "EOPNOTSUPP"), Map.entry(9, "EBADF"), Map.entry(10, "ECHILD"),
            Map.entry(12, "ENOMEM"), Map.entry(14, "EFAULT"), Map.entry(18, "EXDEV"), Map.entry(19, "ENODEV"),
            Map.entry(21, "EISDIR"), Map.entry(24, "EMFILE"), Map.entry(26, "ETXTBSY"), Map.entry(30, "EROFS"),
            Map.entry(36, "ENAMETOOLONG"), Map.entry(8, "ENOEXEC"), Map.entry(7, "E2BIG"));

    private Errno() {
    }

    /**
     * "No such file or directory (ENOENT)".
     *
     * @param errno the errno value
     * @return strerror's text and the symbolic name, or the number when Lit knows no name for it
     */
    public static String describe(int errno) {
        String name = NAMES.getOrDefault(errno, "errno " + errno);
        return Libc.strerror(errno) + " (" + name + ")";
    }
}
