package dev.lit.linux.ffm;

import java.util.Map;

/** errno values Lit reacts to, and their text as strerror(3) gives it. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
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

    /** "No such file or directory (ENOENT)". */
    public static String describe(int errno) {
        String name = NAMES.getOrDefault(errno, "errno " + errno);
        return Libc.strerror(errno) + " (" + name + ")";
    }
}
