package dev.lit.linux.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An input stream over a file descriptor it owns (the read end of a pipe). Reads wait in poll(2)
 * on the descriptor and on an eventfd, so that {@link #close()} ends a read that is waiting: a
 * pipe whose writer lives on (a command's child that kept its stdout) would otherwise hold the
 * reading thread, and a close waiting for it, forever.
 */
public final class FdInputStream extends InputStream {
    private static final int BUFFER = 65536;
    private final int fd;
    private final int wake;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = Libc.buffer(arena, BUFFER);
    private final Object readLock = new Object();
    private volatile boolean closed;
    private boolean released;

    /**
     * Reads {@code fd}, which this stream then owns and closes.
     *
     * @param fd an open descriptor
     */
    public FdInputStream(int fd) {
        this.fd = fd;
        this.wake = Libc.eventfd(Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Reads what the pipe has, waiting for it; -1 at its end or when the stream is closed meanwhile. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        synchronized (readLock) {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            try {
                if (!Libc.awaitReadable(fd, wake) || closed) {
                    return -1;
                }
                long n = Libc.read(fd, buffer, Math.min(len, BUFFER));
                if (n == 0) {
                    return -1;
                }
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
                return (int) n;
            } catch (SyscallException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** Ends a read that waits, then closes the descriptor. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try (Arena one = Arena.ofConfined()) {
            MemorySegment count = one.allocate(ValueLayout.JAVA_LONG);
            count.set(ValueLayout.JAVA_LONG, 0, 1L);
            Libc.writeFully(wake, count, 8);
        }
        synchronized (readLock) {
            if (!released) {
                released = true;
                Libc.close(fd);
                Libc.close(wake);
                arena.close();
            }
        }
    }
}
