package dev.lit.linux.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

/**
 * Terminal calls through FFM: pseudo-terminal pairs (a ptmx master, its peer opened with
 * TIOCGPTPEER so no path is looked up twice), window sizes, and raw mode of a terminal.
 * The ioctl numbers are the same on x86_64 and aarch64.
 */
public final class Tty {
    private static final int O_NOCTTY = 0x100;
    private static final int O_PATH = 0x200000;
    private static final long SYS_OPENAT2 = 437;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_IN_ROOT = 0x10;
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TIOCSWINSZ = 0x5414;
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCGPTN = 0x80045430L;
    private static final long TIOCGPTPEER = 0x5441;
    private static final int TCSANOW = 0;
    /** glibc's struct termios is 60 bytes; room to spare. */
    private static final long TERMIOS_SIZE = 128;

    private static final Downcall OPEN = Downcall.withErrno("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall OPENAT2 = Downcall.withErrno("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final Downcall IOCTL_PTR = Downcall.withErrno("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final Downcall IOCTL_INT = Downcall.withErrno("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final int C_OFLAG_OFFSET = 4; // little-endian: OPOST is in the flag word's first byte
    private static final int OPOST = 0x1;
    private static final Downcall TCGETATTR = Downcall.withErrno("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final Downcall TCSETATTR = Downcall.withErrno("tcsetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final Downcall CFMAKERAW = new Downcall("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    private static final Downcall ISATTY = new Downcall("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Tty() {
    }

    /**
     * Opens a ptmx (the host's /dev/ptmx or a container's) as a master, unlocked.
     *
     * @param ptmx the ptmx device's path
     * @return the master's descriptor
     */
    public static int openMaster(String ptmx) {
        int fd = open(ptmx, Libc.O_RDWR | O_NOCTTY | Libc.O_CLOEXEC);
        try {
            unlock(fd, ptmx);
            return fd;
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /**
     * Opens {@code dev/pts/ptmx} inside a root directory such as /proc/PID/root, resolving the
     * path inside that root (openat2 RESOLVE_IN_ROOT), so a link planted in the container
     * cannot lead to a host file; then checks that it is a pty master and unlocks it.
     *
     * @param root the container's root directory
     * @return the master's descriptor
     */
    public static int openMasterInRoot(String root) {
        int dir = open(root, O_PATH | Libc.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            MemorySegment how = arena.allocate(24, 8);
            how.set(JAVA_LONG, 0, Libc.O_RDWR | O_NOCTTY | Libc.O_CLOEXEC);
            how.set(JAVA_LONG, 16, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
            long fd = (long) OPENAT2.handle().invokeExact(state, SYS_OPENAT2, (long) dir, arena.allocateFrom("dev/pts/ptmx"), how, 24L);
            if (fd < 0) {
                throw new SyscallException("openat2", root + "/dev/pts/ptmx", Downcall.errno(state));
            }
            try {
                unlock((int) fd, root + "/dev/pts/ptmx");
                return (int) fd;
            } catch (RuntimeException e) {
                Libc.close((int) fd);
                throw e;
            }
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        } finally {
            Libc.close(dir);
        }
    }

    private static void unlock(int master, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(JAVA_INT);
            ioctl(master, TIOCGPTN, n, "TIOCGPTN " + what + " (not a pseudo-terminal master?)");
            n.set(JAVA_INT, 0, 0);
            ioctl(master, TIOCSPTLCK, n, "TIOCSPTLCK " + what);
        }
    }

    /**
     * The number N of the master's /dev/pts/N.
     *
     * @param master the master's descriptor
     * @return N
     */
    public static int ptyNumber(int master) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(JAVA_INT);
            ioctl(master, TIOCGPTN, n, "TIOCGPTN");
            return n.get(JAVA_INT, 0);
        }
    }

    /**
     * Opens the terminal end of a master (TIOCGPTPEER), close-on-exec and not as our controlling terminal.
     *
     * @param master the master's descriptor
     * @return the terminal end's descriptor
     */
    public static int openPeer(int master) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            int fd = (int) IOCTL_INT.handle().invokeExact(state, master, TIOCGPTPEER, Libc.O_RDWR | O_NOCTTY | Libc.O_CLOEXEC);
            if (fd < 0) {
                throw new SyscallException("ioctl", "TIOCGPTPEER", Downcall.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * Sets a terminal's window size (TIOCSWINSZ); the foreground process group gets SIGWINCH.
     *
     * @param fd the terminal or its master
     * @param columns the width in characters
     * @param rows the height in lines
     */
    public static void setWindowSize(int fd, int columns, int rows) {
        if (columns < 1 || rows < 1 || columns > 0xFFFF || rows > 0xFFFF) {
            throw new IllegalArgumentException("a window size is 1 to 65535 columns and rows, not " + columns + "x" + rows);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(8, 2);
            ws.set(JAVA_SHORT, 0, (short) rows);
            ws.set(JAVA_SHORT, 2, (short) columns);
            ioctl(fd, TIOCSWINSZ, ws, "TIOCSWINSZ");
        }
    }

    /**
     * A terminal's window size as {columns, rows} (TIOCGWINSZ).
     *
     * @param fd the terminal
     * @return the size, two numbers
     */
    public static int[] windowSize(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ws = arena.allocate(8, 2);
            ioctl(fd, TIOCGWINSZ, ws, "TIOCGWINSZ");
            return new int[] {Short.toUnsignedInt(ws.get(JAVA_SHORT, 2)), Short.toUnsignedInt(ws.get(JAVA_SHORT, 0))};
        }
    }

    /**
     * isatty(3): whether a descriptor is a terminal.
     *
     * @param fd the descriptor
     * @return true if it is
     */
    public static boolean isatty(int fd) {
        try {
            return (int) ISATTY.handle().invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * The terminal's current attributes (struct termios), to restore later with {@link #setAttributes}.
     *
     * @param fd the terminal
     * @return the raw struct, opaque
     */
    public static byte[] attributes(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            MemorySegment t = arena.allocate(TERMIOS_SIZE, 8);
            if ((int) TCGETATTR.handle().invokeExact(state, fd, t) < 0) {
                throw new SyscallException("tcgetattr", "fd " + fd, Downcall.errno(state));
            }
            return t.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * Restores attributes read by {@link #attributes}.
     *
     * @param fd the terminal
     * @param termios the struct {@link #attributes} returned
     */
    public static void setAttributes(int fd, byte[] termios) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            MemorySegment t = arena.allocate(TERMIOS_SIZE, 8);
            MemorySegment.copy(termios, 0, t, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (int) TERMIOS_SIZE);
            if ((int) TCSETATTR.handle().invokeExact(state, fd, TCSANOW, t) < 0) {
                throw new SyscallException("tcsetattr", "fd " + fd, Downcall.errno(state));
            }
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * Puts a terminal into raw mode (cfmakeraw: no echo, no line editing, no signals from keys).
     *
     * @param fd the terminal
     */
    public static void makeRaw(int fd) {
        byte[] current = attributes(fd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(TERMIOS_SIZE, 8);
            MemorySegment.copy(current, 0, t, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (int) TERMIOS_SIZE);
            CFMAKERAW.handle().invokeExact(t);
            setAttributes(fd, t.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * Turns off output post-processing (OPOST: no newline to CR-LF mapping), leaving input,
     * echo and signal keys as they are: for output that a pseudo-terminal has already processed.
     *
     * @param fd the terminal
     */
    public static void withoutOutputProcessing(int fd) {
        byte[] t = attributes(fd);
        // struct termios begins with four 32-bit flag words: c_iflag, c_oflag (offset 4), c_cflag, c_lflag
        t[C_OFLAG_OFFSET] &= (byte) ~OPOST;
        setAttributes(fd, t);
    }

    private static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            int fd = (int) OPEN.handle().invokeExact(state, arena.allocateFrom(path), flags);
            if (fd < 0) {
                throw new SyscallException("open", path, Downcall.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    private static void ioctl(int fd, long request, MemorySegment arg, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            if ((int) IOCTL_PTR.handle().invokeExact(state, fd, request, arg) < 0) {
                throw new SyscallException("ioctl", what, Downcall.errno(state));
            }
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }
}
