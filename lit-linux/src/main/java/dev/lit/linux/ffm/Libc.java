package dev.lit.linux.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The libc calls the JVM side of Lit makes itself, through FFM. Each call captures errno
 * through the linker (never a separate errno read that another call could clobber) and
 * throws {@link SyscallException} naming the call and its subject on failure.
 */
public final class Libc {
    private static final StructLayout CALL_STATE = Downcall.CALL_STATE;

    /** Syscall numbers without a glibc wrapper in Debian 12's glibc (x86_64 and aarch64 share these). */
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;

    /** open(2): read only. */
    public static final int O_RDONLY = 0;
    /** open(2): write only. */
    public static final int O_WRONLY = 1;
    /** open(2): read and write. */
    public static final int O_RDWR = 2;
    /** open(2): close the descriptor on exec, so no child inherits it by accident. */
    public static final int O_CLOEXEC = 0x80000;
    /** fcntl(2): duplicate a descriptor, close-on-exec, at or above a number. */
    public static final int F_DUPFD_CLOEXEC = 1030;
    /** fcntl(2): add seals to a memfd. */
    public static final int F_ADD_SEALS = 1033;
    /** memfd seal: no more seals may be added. */
    public static final int F_SEAL_SEAL = 1;
    /** memfd seal: the file may not shrink. */
    public static final int F_SEAL_SHRINK = 2;
    /** memfd seal: the file may not grow. */
    public static final int F_SEAL_GROW = 4;
    /** memfd seal: the contents may not change. */
    public static final int F_SEAL_WRITE = 8;
    /** eventfd(2): close the descriptor on exec. */
    public static final int EFD_CLOEXEC = 0x80000;
    /** eventfd(2): reads and writes do not block. */
    public static final int EFD_NONBLOCK = 0x800;
    /** memfd_create(2): close the descriptor on exec. */
    public static final int MFD_CLOEXEC = 1;
    /** memfd_create(2): the file may be sealed. */
    public static final int MFD_ALLOW_SEALING = 2;
    /** umount2(2): detach now, clean up once no longer busy. */
    public static final int MNT_DETACH = 2;
    /** waitid(2): the id is a pidfd. */
    public static final int P_PIDFD = 3;
    /** waitid(2): wait for children that exited. */
    public static final int WEXITED = 4;
    /** wait calls: return at once if no child has changed state. */
    public static final int WNOHANG = 1;
    /** siginfo si_code: the child called exit. */
    public static final int CLD_EXITED = 1;
    /** siginfo si_code: a signal killed the child. */
    public static final int CLD_KILLED = 2;
    /** siginfo si_code: a signal killed the child and it dumped core. */
    public static final int CLD_DUMPED = 3;
    /** posix_spawn flag: reset the given signals to their default action. */
    public static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    /** posix_spawn flag: set the child's signal mask. */
    public static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    /** glibc's opaque spawn structures are smaller than this; we only pass pointers to them. */
    private static final long SPAWN_STRUCT_SIZE = 512;
    private static final long SIGSET_SIZE = 128;
    private static final long SIGINFO_SIZE = 128;

    private static final Downcall READ = errnoCall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final Downcall WRITE = errnoCall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final Downcall CLOSE = errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final Downcall PIPE2 = errnoCall("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall FCNTL = errnoCall("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final Downcall SETPRIORITY = errnoCall("setpriority", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final Downcall POLL = errnoCall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final Downcall EVENTFD = errnoCall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final Downcall OPEN = errnoCall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final Downcall MEMFD_CREATE = errnoCall("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall SYSCALL3 = errnoCall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final Downcall SYSCALL5 = errnoCall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final Downcall WAITID = errnoCall("waitid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall WAITPID = errnoCall("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall KILL = errnoCall("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final Downcall MOUNT = errnoCall("mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final Downcall UMOUNT2 = errnoCall("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall UNSHARE = errnoCall("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final Downcall SETNS = errnoCall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final Downcall GETEUID = plainCall("geteuid", FunctionDescriptor.of(JAVA_INT));
    private static final Downcall STRERROR = plainCall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final Downcall SIGEMPTYSET = plainCall("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Downcall SIGFILLSET = plainCall("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Downcall SIGDELSET = plainCall("sigdelset", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall FA_INIT = plainCall("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Downcall FA_DESTROY = plainCall("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Downcall FA_ADDDUP2 = plainCall("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final Downcall FA_ADDOPEN = plainCall("posix_spawn_file_actions_addopen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final Downcall ATTR_INIT = plainCall("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Downcall ATTR_DESTROY = plainCall("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final Downcall ATTR_SETFLAGS = plainCall("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private static final Downcall ATTR_SETSIGMASK = plainCall("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final Downcall ATTR_SETSIGDEFAULT = plainCall("posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final Downcall POSIX_SPAWN = plainCall("posix_spawn", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));

    private Libc() {
    }

    private static Downcall errnoCall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        return Downcall.withErrno(name, descriptor, extra);
    }

    private static Downcall plainCall(String name, FunctionDescriptor descriptor) {
        return new Downcall(name, descriptor);
    }

    private static int errno(MemorySegment state) {
        return Downcall.errno(state);
    }

    private static RuntimeException rethrow(Throwable t) {
        return Downcall.rethrow(t);
    }

    private static MemorySegment cString(Arena arena, @Nullable String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }

    /**
     * geteuid(2): the effective user id of this process; 0 when Lit runs as root.
     *
     * @return the uid
     */
    public static int geteuid() {
        try {
            return (int) GETEUID.handle().invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * strerror(3): the C library's text for an errno value.
     *
     * @param errno the value
     * @return the text, such as "No such file or directory"
     */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.handle().invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * read(2) into {@code buffer}; returns bytes read, 0 at end of file. Retries EINTR.
     *
     * @param fd the descriptor
     * @param buffer native memory to read into
     * @param length the most bytes to read
     * @return the bytes read
     */
    public static long read(int fd, MemorySegment buffer, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            for (;;) {
                long n = (long) READ.handle().invokeExact(state, fd, buffer, length);
                if (n >= 0) {
                    return n;
                }
                int err = errno(state);
                if (err != Errno.EINTR) {
                    throw new SyscallException("read", "fd " + fd, err);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * write(2) of all {@code length} bytes, retrying short writes and EINTR.
     *
     * @param fd the descriptor
     * @param buffer native memory holding the bytes
     * @param length how many to write
     */
    public static void writeFully(int fd, MemorySegment buffer, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long done = 0;
            while (done < length) {
                long n = (long) WRITE.handle().invokeExact(state, fd, buffer.asSlice(done), length - done);
                if (n < 0) {
                    int err = errno(state);
                    if (err == Errno.EINTR) {
                        continue;
                    }
                    throw new SyscallException("write", "fd " + fd, err);
                }
                done += n;
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * close(2).
     *
     * @param fd the descriptor
     */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) CLOSE.handle().invokeExact(state, fd);
            if (rc < 0 && errno(state) != Errno.EINTR) {
                throw new SyscallException("close", "fd " + fd, errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * pipe2(2) with O_CLOEXEC; returns {read end, write end}.
     *
     * @return the two descriptors
     */
    public static int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int rc = (int) PIPE2.handle().invokeExact(state, fds, O_CLOEXEC);
            if (rc < 0) {
                throw new SyscallException("pipe2", null, errno(state));
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * fcntl(2) with an int argument.
     *
     * @param fd the descriptor
     * @param command such as {@link #F_DUPFD_CLOEXEC}
     * @param argument the command's argument
     * @return the command's result
     */
    public static int fcntl(int fd, int command, int argument) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) FCNTL.handle().invokeExact(state, fd, command, argument);
            if (rc < 0) {
                throw new SyscallException("fcntl", "fd " + fd + ", command " + command, errno(state));
            }
            return rc;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * setpriority(PRIO_PROCESS, tid, nice): on Linux a thread id sets that one thread's nice value.
     *
     * @param tid the thread's id (gettid)
     * @param nice the nice value, -20 to 19
     */
    public static void setThreadNice(int tid, int nice) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) SETPRIORITY.handle().invokeExact(state, 0, tid, nice);
            if (rc < 0) {
                throw new SyscallException("setpriority", "thread " + tid + ", nice " + nice, errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * poll(2) until {@code fd} can be read (data, end of file or an error) or {@code wakeFd} has
     * something to read, whichever comes first; retries EINTR.
     *
     * @param fd     the descriptor to read
     * @param wakeFd a descriptor another thread writes to end the wait (an eventfd)
     * @return true if {@code fd} is ready, false if only {@code wakeFd} is
     */
    public static boolean awaitReadable(int fd, int wakeFd) {
        final short pollIn = 0x1;
        final short pollHupOrErr = 0x10 | 0x8;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            // struct pollfd { int fd; short events; short revents; } x 2
            MemorySegment fds = arena.allocate(16, 4);
            fds.set(JAVA_INT, 0, fd);
            fds.set(JAVA_SHORT, 4, pollIn);
            fds.set(JAVA_INT, 8, wakeFd);
            fds.set(JAVA_SHORT, 12, pollIn);
            for (;;) {
                int n = (int) POLL.handle().invokeExact(state, fds, 2L, -1);
                if (n >= 0) {
                    return (fds.get(JAVA_SHORT, 6) & (pollIn | pollHupOrErr)) != 0;
                }
                int err = errno(state);
                if (err != Errno.EINTR) {
                    throw new SyscallException("poll", "fd " + fd, err);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * eventfd(2) with a zero counter.
     *
     * @param flags {@link #EFD_CLOEXEC}, {@link #EFD_NONBLOCK}
     * @return the descriptor
     */
    public static int eventfd(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) EVENTFD.handle().invokeExact(state, 0, flags);
            if (fd < 0) {
                throw new SyscallException("eventfd", null, errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * open(2) of an existing file (no O_CREAT, so no mode).
     *
     * @param path the file
     * @param flags such as {@link #O_RDONLY} | {@link #O_CLOEXEC}
     * @return the descriptor
     */
    public static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.handle().invokeExact(state, arena.allocateFrom(path), flags, 0);
            if (fd < 0) {
                throw new SyscallException("open", path, errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * memfd_create(2): an anonymous file in memory.
     *
     * @param name a name for /proc/PID/fd, for debugging
     * @param flags such as {@link #MFD_CLOEXEC}
     * @return the descriptor
     */
    public static int memfdCreate(String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) MEMFD_CREATE.handle().invokeExact(state, arena.allocateFrom(name), flags);
            if (fd < 0) {
                throw new SyscallException("memfd_create", name, errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * pidfd_open(2): a descriptor that names this process for as long as it is held.
     *
     * @param pid the process
     * @return the pidfd
     */
    public static int pidfdOpen(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long fd = (long) SYSCALL3.handle().invokeExact(state, SYS_PIDFD_OPEN, (long) pid, 0L);
            if (fd < 0) {
                throw new SyscallException("pidfd_open", "pid " + pid, errno(state));
            }
            return (int) fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * pidfd_send_signal(2); false if the process has already exited.
     *
     * @param pidfd the process's pidfd
     * @param signal the signal's number
     * @return true if it was sent
     */
    public static boolean pidfdSendSignal(int pidfd, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long rc = (long) SYSCALL5.handle().invokeExact(state, SYS_PIDFD_SEND_SIGNAL, (long) pidfd, (long) signal, 0L, 0L);
            if (rc < 0) {
                if (errno(state) == Errno.ESRCH) {
                    return false;
                }
                throw new SyscallException("pidfd_send_signal", "signal " + signal, errno(state));
            }
            return true;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * How a child ended, from waitid(2).
     *
     * @param code   {@link #CLD_EXITED}, {@link #CLD_KILLED} or {@link #CLD_DUMPED}
     * @param status the exit code or the signal number
     */
    public record ChildStatus(int code, int status) {
        /**
         * Whether the child called exit (rather than being killed by a signal).
         *
         * @return true if it did
         */
        public boolean exited() {
            return code == CLD_EXITED;
        }
    }

    /**
     * Blocks in waitid(P_PIDFD, ..., WEXITED) until the child behind {@code pidfd} ends, and reaps it.
     *
     * @param pidfd the child's pidfd
     * @return how it ended
     */
    public static ChildStatus waitPidfd(int pidfd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment info = arena.allocate(SIGINFO_SIZE, 8);
            for (;;) {
                int rc = (int) WAITID.handle().invokeExact(state, P_PIDFD, pidfd, info, WEXITED);
                if (rc == 0) {
                    return new ChildStatus(info.get(JAVA_INT, 8), info.get(JAVA_INT, 24));
                }
                if (errno(state) != Errno.EINTR) {
                    throw new SyscallException("waitid", "pidfd " + pidfd, errno(state));
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * waitpid(2), blocking; returns the raw wait status.
     *
     * @param pid the child
     * @return the status, to decode as the W* macros do
     */
    public static int waitpid(int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment status = arena.allocate(JAVA_INT);
            for (;;) {
                int rc = (int) WAITPID.handle().invokeExact(state, pid, status, 0);
                if (rc == pid) {
                    return status.get(JAVA_INT, 0);
                }
                if (errno(state) != Errno.EINTR) {
                    throw new SyscallException("waitpid", "pid " + pid, errno(state));
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * kill(2); false if there is no such process.
     *
     * @param pid the process
     * @param signal the signal's number
     * @return true if it was sent
     */
    public static boolean kill(int pid, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) KILL.handle().invokeExact(state, pid, signal);
            if (rc < 0) {
                if (errno(state) == Errno.ESRCH) {
                    return false;
                }
                throw new SyscallException("kill", "pid " + pid + ", signal " + signal, errno(state));
            }
            return true;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * mount(2).
     *
     * @param source the device or source path; null where the type needs none
     * @param target the mount point
     * @param type the filesystem type; null for a bind or a propagation change
     * @param flags the MS_* flags
     * @param data filesystem options; null for none
     */
    public static void mount(@Nullable String source, String target, @Nullable String type, long flags, @Nullable String data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) MOUNT.handle().invokeExact(state, cString(arena, source), arena.allocateFrom(target), cString(arena, type), flags, cString(arena, data));
            if (rc < 0) {
                throw new SyscallException("mount", (source == null ? "none" : source) + " on " + target, errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * umount2(2).
     *
     * @param target the mount point
     * @param flags such as {@link #MNT_DETACH}
     */
    public static void umount2(String target, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) UMOUNT2.handle().invokeExact(state, arena.allocateFrom(target), flags);
            if (rc < 0) {
                throw new SyscallException("umount2", target, errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * unshare(2). Affects only the calling thread's view: call it on a dedicated platform thread.
     *
     * @param flags the CLONE_NEW* flags
     */
    public static void unshare(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) UNSHARE.handle().invokeExact(state, flags);
            if (rc < 0) {
                throw new SyscallException("unshare", "flags 0x" + Integer.toHexString(flags), errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * setns(2). Affects only the calling thread: call it on a dedicated platform thread.
     *
     * @param fd a namespace file's descriptor
     * @param nstype the CLONE_NEW* type it must be, or 0 for any
     */
    public static void setns(int fd, int nstype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) SETNS.handle().invokeExact(state, fd, nstype);
            if (rc < 0) {
                throw new SyscallException("setns", "fd " + fd, errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A file action for {@link #posixSpawn}: dup a descriptor onto a slot, or open a path onto it. */
    public sealed interface FileAction {
        /**
         * Makes descriptor {@code from} also descriptor {@code to} in the child (dup2).
         *
         * @param from the parent's descriptor
         * @param to the child's descriptor number
         */
        record Dup(int from, int to) implements FileAction {
        }

        /**
         * Opens {@code path} as descriptor {@code to} in the child.
         *
         * @param to the child's descriptor number
         * @param path the file
         * @param flags open(2) flags
         */
        record Open(int to, String path, int flags) implements FileAction {
        }
    }

    /**
     * posix_spawn(3) of {@code path}: the child runs only libc code until it execs (glibc uses
     * a vfork-style clone), so no Java code runs between clone and exec. All signals are set
     * to their default action and unblocked in the child.
     *
     * @return the child's pid
     * @param path the executable's path, used as it is (no PATH search)
     * @param argv the arguments, argv[0] included
     * @param env the environment, {@code KEY=VALUE} strings
     * @param actions descriptors to set up in the child, in order
     */
    public static int posixSpawn(String path, List<String> argv, List<String> env, List<FileAction> actions) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fileActions = arena.allocate(SPAWN_STRUCT_SIZE, 16);
            MemorySegment attr = arena.allocate(SPAWN_STRUCT_SIZE, 16);
            check("posix_spawn_file_actions_init", (int) FA_INIT.handle().invokeExact(fileActions));
            check("posix_spawnattr_init", (int) ATTR_INIT.handle().invokeExact(attr));
            try {
                for (FileAction action : actions) {
                    switch (action) {
                        case FileAction.Dup(int from, int to) ->
                                check("posix_spawn_file_actions_adddup2", (int) FA_ADDDUP2.handle().invokeExact(fileActions, from, to));
                        case FileAction.Open(int to, String file, int flags) ->
                                check("posix_spawn_file_actions_addopen", (int) FA_ADDOPEN.handle().invokeExact(fileActions, to, arena.allocateFrom(file), flags, 0));
                    }
                }
                MemorySegment none = arena.allocate(SIGSET_SIZE, 8);
                MemorySegment all = arena.allocate(SIGSET_SIZE, 8);
                int ignored = (int) SIGEMPTYSET.handle().invokeExact(none);
                ignored = (int) SIGFILLSET.handle().invokeExact(all);
                ignored = (int) SIGDELSET.handle().invokeExact(all, 9);
                ignored = (int) SIGDELSET.handle().invokeExact(all, 19);
                check("posix_spawnattr_setsigmask", (int) ATTR_SETSIGMASK.handle().invokeExact(attr, none));
                check("posix_spawnattr_setsigdefault", (int) ATTR_SETSIGDEFAULT.handle().invokeExact(attr, all));
                check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.handle().invokeExact(attr, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
                MemorySegment pid = arena.allocate(JAVA_INT);
                int rc = (int) POSIX_SPAWN.handle().invokeExact(pid, arena.allocateFrom(path), fileActions, attr,
                        stringArray(arena, argv), stringArray(arena, env));
                if (rc != 0) {
                    throw new SyscallException("posix_spawn", path, rc);
                }
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignored = (int) FA_DESTROY.handle().invokeExact(fileActions);
                ignored = (int) ATTR_DESTROY.handle().invokeExact(attr);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void check(String call, int rc) {
        if (rc != 0) {
            throw new SyscallException(call, null, rc);
        }
    }

    private static MemorySegment stringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    /**
     * Allocates a native buffer for {@link #read} and {@link #writeFully}.
     *
     * @param arena the arena that owns the buffer
     * @param size its size in bytes
     * @return the buffer
     */
    public static MemorySegment buffer(Arena arena, int size) {
        return arena.allocate(ValueLayout.JAVA_BYTE, size);
    }
}
