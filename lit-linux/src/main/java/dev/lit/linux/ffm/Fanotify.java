package dev.lit.linux.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A fanotify(7) notification group: which files the processes on a mount open. Made with
 * {@code fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY | O_LARGEFILE)}; every
 * event carries a descriptor of the opened file, which {@link #drain} resolves through
 * {@code /proc/self/fd/N} and closes at once. Read from a thread of the JVM: nothing runs in a child.
 * Needs CAP_SYS_ADMIN. Closing it ends the marks.
 */
public final class Fanotify implements AutoCloseable {
    /** A file was opened. */
    public static final long FAN_OPEN = 0x20;
    /** A file was opened to be executed (execve, the dynamic loader's mappings of libraries use plain opens). */
    public static final long FAN_OPEN_EXEC = 0x1000;
    /** A file was read. */
    public static final long FAN_ACCESS = 0x1;
    /** The queue overflowed: events were lost. */
    public static final long FAN_Q_OVERFLOW = 0x4000;
    private static final int FAN_CLOEXEC = 0x1;
    private static final int FAN_NONBLOCK = 0x2;
    private static final int FAN_CLASS_NOTIF = 0x0;
    private static final int O_LARGEFILE = 0100000;
    private static final int FAN_MARK_ADD = 0x1;
    private static final int FAN_MARK_MOUNT = 0x10;
    private static final int FAN_MARK_FILESYSTEM = 0x100;
    private static final int AT_FDCWD = -100;
    private static final int FAN_NOFD = -1;
    /** struct fanotify_event_metadata: event_len u32, vers u8, reserved u8, metadata_len u16, mask u64, fd s32, pid s32. */
    private static final int METADATA_SIZE = 24;
    private static final int BUFFER = 64 * 1024;

    private static final Downcall INIT = Downcall.withErrno("fanotify_init", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final Downcall MARK = Downcall.withErrno("fanotify_mark",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS));
    private static final Downcall READ = Downcall.withErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));

    /**
     * One event.
     *
     * @param mask what happened (FAN_* bits)
     * @param pid  the process that did it, as the reader's pid namespace sees it
     * @param path the file, as {@code /proc/self/fd/N} names it for this process; empty on an overflow
     */
    public record Event(long mask, int pid, String path) {
    }

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER, 8);
    private boolean closed;

    private Fanotify(int fd) {
        this.fd = fd;
    }

    /**
     * Opens a notification group that never blocks its readers.
     *
     * @return the group
     * @throws SyscallException when the kernel refuses (EPERM without CAP_SYS_ADMIN, ENOSYS without fanotify)
     */
    public static Fanotify open() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Downcall.CALL_STATE);
            int fd = (int) INIT.handle().invokeExact(state, FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, O_LARGEFILE);
            if (fd < 0) {
                throw new SyscallException("fanotify_init", "FAN_CLASS_NOTIF", Downcall.errno(state));
            }
            return new Fanotify(fd);
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * Watches the whole mount that {@code path} lies on (a mount mark); where the kernel refuses
     * one (EINVAL on some pseudo mounts), the whole filesystem instead.
     *
     * @param path a path on the mount, for a container {@code /proc/PID/root}
     * @param mask the events, for example {@code FAN_OPEN | FAN_OPEN_EXEC}
     * @throws SyscallException when neither mark can be placed
     */
    public void markMount(Path path, long mask) {
        try {
            mark(FAN_MARK_ADD | FAN_MARK_MOUNT, mask, path);
        } catch (SyscallException e) {
            if (e.errno() != Errno.EINVAL) {
                throw e;
            }
            mark(FAN_MARK_ADD | FAN_MARK_FILESYSTEM, mask, path);
        }
    }

    private void mark(int flags, long mask, Path path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Downcall.CALL_STATE);
            int rc = (int) MARK.handle().invokeExact(state, fd, flags, mask, AT_FDCWD, a.allocateFrom(path.toString()));
            if (rc < 0) {
                throw new SyscallException("fanotify_mark", path.toString(), Downcall.errno(state));
            }
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * Reads every event queued now, hands each to {@code sink} and closes its descriptor; returns at
     * once when the queue is empty.
     *
     * @param sink receives the events in order
     * @return how many events were read
     */
    public synchronized int drain(Consumer<Event> sink) {
        if (closed) {
            throw new IllegalStateException("fanotify group closed");
        }
        int count = 0;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Downcall.CALL_STATE);
            for (;;) {
                long n = (long) READ.handle().invokeExact(state, fd, buffer, (long) BUFFER);
                if (n < 0) {
                    int err = Downcall.errno(state);
                    if (err == Errno.EINTR) {
                        continue;
                    }
                    if (err == Errno.EAGAIN) {
                        return count;
                    }
                    throw new SyscallException("read", "fanotify fd " + fd, err);
                }
                if (n == 0) {
                    return count;
                }
                for (long off = 0; off + METADATA_SIZE <= n; ) {
                    int eventLen = buffer.get(JAVA_INT, off);
                    long mask = buffer.get(JAVA_LONG, off + 8);
                    int eventFd = buffer.get(JAVA_INT, off + 16);
                    int pid = buffer.get(JAVA_INT, off + 20);
                    if (eventLen < METADATA_SIZE || buffer.get(JAVA_SHORT, off + 6) < METADATA_SIZE) {
                        throw new IllegalStateException("fanotify event of " + eventLen + " bytes at offset " + off);
                    }
                    String path = "";
                    if (eventFd != FAN_NOFD) {
                        path = resolve(eventFd);
                        Libc.close(eventFd);
                    }
                    sink.accept(new Event(mask, pid, path));
                    count++;
                    off += eventLen;
                }
            }
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    private static String resolve(int eventFd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + eventFd)).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the marks and frees the buffer; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
            arena.close();
        }
    }
}
