package dev.lit.linux.tty;

import dev.lit.linux.ffm.FdInputStream;
import dev.lit.linux.ffm.FdOutputStream;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.SyscallException;
import dev.lit.linux.ffm.Tty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The JVM's end (master) of a pseudo-terminal. The terminal end goes to the container as its
 * stdin, stdout and stderr; what the command writes is read from {@link #output()}, what is
 * written to {@link #input()} is typed into the terminal.
 */
public final class Pty implements AutoCloseable {
    private static final int EIO = 5;
    private final int master;
    private final FdOutputStream input;
    private final InputStream output;
    private boolean closed;

    private Pty(int master) {
        this.master = master;
        this.input = new FdOutputStream(Libc.fcntl(master, Libc.F_DUPFD_CLOEXEC, 3));
        this.output = new MasterInput(new FdInputStream(Libc.fcntl(master, Libc.F_DUPFD_CLOEXEC, 3)));
    }

    /**
     * A pseudo-terminal of the host's devpts.
     *
     * @return the pty; close it to release the master
     */
    public static Pty openOnHost() {
        return new Pty(Tty.openMaster("/dev/ptmx"));
    }

    /**
     * A pseudo-terminal of the devpts mounted in a container (its root seen as
     * /proc/PID/root), so that inside it is /dev/pts/N of the container's own devpts and
     * {@code tty} names it; the host's devpts when the container has none.
     *
     * @param containerPid the host pid of a process in the container
     * @return the pty; close it to release the master
     */
    public static Pty openIn(long containerPid) {
        try {
            return new Pty(Tty.openMasterInRoot("/proc/" + containerPid + "/root"));
        } catch (SyscallException e) {
            return openOnHost();
        }
    }

    /**
     * Opens a new descriptor of the terminal end (close-on-exec), for the helper's stdio.
     *
     * @return the descriptor
     */
    public int openTerminalEnd() {
        return Tty.openPeer(master);
    }

    /**
     * The pty number: the terminal end is /dev/pts/N of its devpts.
     *
     * @return N
     */
    public int number() {
        return Tty.ptyNumber(master);
    }

    /**
     * Keys typed into the terminal.
     *
     * @return the stream to write keys to
     */
    public OutputStream input() {
        return input;
    }

    /**
     * What the command writes to the terminal (stdout and stderr together); end of file once every terminal
     * end is closed.
     *
     * @return the stream to read from
     */
    public InputStream output() {
        return output;
    }

    /**
     * Sets the window size; the terminal's foreground process group gets SIGWINCH.
     *
     * @param columns the width in characters
     * @param rows the height in lines
     */
    public synchronized void resize(int columns, int rows) {
        if (closed) {
            throw new IllegalStateException("the terminal is closed");
        }
        Tty.setWindowSize(master, columns, rows);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        input.close();
        Libc.close(master);
        try {
            output.close();
        } catch (IOException ignored) {
            // closing a descriptor does not fail in a way worth reporting here
        }
    }

    /** A master reads EIO once no terminal end is open: that is its end of file. */
    private static final class MasterInput extends InputStream {
        private final FdInputStream in;

        MasterInput(FdInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                if (e.getCause() instanceof SyscallException s && s.errno() == EIO) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public void close() {
            in.close();
        }
    }

}
