package dev.lit.linux.ffm;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** An output stream over a file descriptor it owns (the write end of a pipe). */
public final class FdOutputStream extends OutputStream {
    private static final int BUFFER = 65536;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = Libc.buffer(arena, BUFFER);
    private boolean closed;

    /**
     * Writes {@code fd}, which this stream then owns and closes.
     *
     * @param fd an open descriptor
     */
    public FdOutputStream(int fd) {
        this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        try {
            while (len > 0) {
                int chunk = Math.min(len, BUFFER);
                MemorySegment.copy(b, off, buffer, ValueLayout.JAVA_BYTE, 0, chunk);
                Libc.writeFully(fd, buffer, chunk);
                off += chunk;
                len -= chunk;
            }
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
