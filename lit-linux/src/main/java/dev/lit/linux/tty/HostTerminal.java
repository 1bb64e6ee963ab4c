package dev.lit.linux.tty;

import dev.lit.linux.ffm.Tty;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The terminal the JVM runs in, for a CLI such as {@code lit run -it}: raw mode while a
 * container's terminal is attached (restored on close), and its window size, forwarded on
 * every SIGWINCH.
 */
public final class HostTerminal implements AutoCloseable {
    private final int fd;
    private final byte[] saved;
    private @Nullable Object previousHandler;
    private boolean closed;

    private HostTerminal(int fd) {
        this.fd = fd;
        this.saved = Tty.attributes(fd);
    }

    /**
     * Whether descriptor {@code fd} (0 for stdin) is a terminal.
     *
     * @param fd the descriptor
     * @return true if it is a terminal
     */
    public static boolean isTerminal(int fd) {
        return Tty.isatty(fd);
    }

    /**
     * Puts the terminal on {@code fd} into raw mode until {@link #close()}.
     *
     * @param fd the terminal's descriptor
     * @return the handle; close it to restore the terminal's attributes
     * @throws dev.lit.linux.ffm.SyscallException if {@code fd} is not a terminal
     */
    public static HostTerminal raw(int fd) {
        HostTerminal t = new HostTerminal(fd);
        Tty.makeRaw(fd);
        return t;
    }

    /**
     * Turns off output post-processing on the terminal on {@code fd} until {@link #close()}:
     * what a container's pseudo-terminal wrote has its newlines as CR-LF already, which the
     * host terminal would otherwise turn into CR-CR-LF. Input, echo and Ctrl-C stay as they are.
     *
     * @param fd the terminal's descriptor (1 for stdout)
     * @return the handle; close it to restore the terminal's attributes
     * @throws dev.lit.linux.ffm.SyscallException if {@code fd} is not a terminal
     */
    public static HostTerminal rawOutput(int fd) {
        HostTerminal t = new HostTerminal(fd);
        Tty.withoutOutputProcessing(fd);
        return t;
    }

    /**
     * The window size as {columns, rows}.
     *
     * @return columns and rows
     */
    public int[] size() {
        return Tty.windowSize(fd);
    }

    /**
     * Calls {@code onResize(columns, rows)} now and after every change of the window size
     * (SIGWINCH), until {@link #close()}.
     *
     * @param onResize called with columns and rows
     */
    public void forwardResizes(BiConsumer<Integer, Integer> onResize) {
        int[] now = size();
        onResize.accept(now[0], now[1]);
        previousHandler = sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> {
            int[] changed = size();
            onResize.accept(changed[0], changed[1]);
        });
    }

    /** Restores the terminal's attributes and the previous SIGWINCH handler. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (previousHandler instanceof sun.misc.SignalHandler h) {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), h);
        }
        Tty.setAttributes(fd, saved);
    }
}
