package dev.lit.linux.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** An input stream over a file descriptor it owns (the read end of a pipe). Reads block in read(2). */
public final class FdInputStream extends InputStream {
    private static final int BUFFER = 65536;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = Libc.buffer(arena, BUFFER);
    private boolean closed;

    /**
     * Reads {@code fd}, which this stream then owns and closes.
     *
     * @param fd an open descriptor
     */
    public FdInputStream(int fd) {
        this.fd = fd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        try {
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

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
            arena.close();
        }
    }
}
