package dev.lit.cli;

import dev.lit.LitException;
import dev.lit.linux.tty.HostTerminal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Connects lit's own terminal to a container's (or an exec's) pseudo-terminal, as
 * {@code docker run -it} does: lit's terminal in raw mode while the session lasts (so keys,
 * Ctrl-C included, reach the command as typed), its window size at start and on every
 * SIGWINCH, stdin copied in, and what the command writes copied to lit's stdout.
 *
 * <p>The terminal is restored by {@link #close()}, and by a shutdown hook when lit is ended by
 * a signal before that: it is never left raw.
 */
final class TerminalSession implements AutoCloseable {
    private final @Nullable HostTerminal host;
    private final @Nullable Thread restoreOnExit;
    private final Thread output;

    private TerminalSession(@Nullable HostTerminal host, @Nullable Thread restoreOnExit, Thread output) {
        this.host = host;
        this.restoreOnExit = restoreOnExit;
        this.output = output;
    }

    /**
     * Starts the session.
     *
     * @param keys        the command's terminal input
     * @param screen      the command's terminal output
     * @param resize      sets the command's window size (columns, rows)
     * @param interactive whether lit's stdin goes to the command (-i); without it lit's terminal stays as it is
     */
    static TerminalSession start(OutputStream keys, InputStream screen, BiConsumer<Integer, Integer> resize, boolean interactive) {
        HostTerminal host = null;
        Thread restoreOnExit = null;
        if (interactive && HostTerminal.isTerminal(0)) {
            host = HostTerminal.raw(0);
            HostTerminal raw = host;
            restoreOnExit = new Thread(raw::close, "lit-restore-terminal");
            Runtime.getRuntime().addShutdownHook(restoreOnExit);
            try {
                raw.forwardResizes(resize::accept);
            } catch (RuntimeException e) {
                // a command that ended at once has no terminal to size: its output still drains
            }
        }
        if (!interactive && HostTerminal.isTerminal(1)) {
            // -t alone: lit's terminal stays cooked for keys, but must not add a CR to the container's CR-LF
            host = HostTerminal.rawOutput(1);
            HostTerminal cooked = host;
            restoreOnExit = new Thread(cooked::close, "lit-restore-terminal");
            Runtime.getRuntime().addShutdownHook(restoreOnExit);
        }
        if (interactive) {
            copyStdin(keys);
        } else {
            close(keys);
        }
        Thread output = Thread.ofPlatform().daemon().name("lit-terminal-output").start(() -> copyOutput(screen));
        return new TerminalSession(host, restoreOnExit, output);
    }

    /**
     * Refuses {@code -i -t} when lit's stdin is not a terminal, as Docker does: the keys would
     * come from a file or pipe, and lit's terminal could not be put in raw mode.
     *
     * @param interactive -i was given
     * @param tty         -t was given
     * @throws LitException (exit 125) when both are given and stdin is not a terminal
     */
    static void requireTerminalInput(boolean interactive, boolean tty) {
        if (interactive && tty && !HostTerminal.isTerminal(0)) {
            throw new LitException("the input device is not a TTY: -i -t needs lit's stdin to be a terminal (drop -t to pipe input in)");
        }
    }

    /** Waits (at most {@code millis}) for the command's output to reach lit's stdout: the terminal closes when its last process ends. */
    void drain(long millis) throws InterruptedException {
        output.join(millis);
    }

    /** Restores lit's terminal. */
    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
        if (restoreOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook restores the terminal (again, harmlessly)
            }
        }
    }

    /** Copies lit's stdin on a daemon thread that the JVM's exit ends: lit does not wait for more keys. */
    private static void copyStdin(OutputStream keys) {
        Thread.ofPlatform().daemon().name("lit-terminal-input").start(() -> {
            try (OutputStream to = keys; InputStream from = new java.io.FileInputStream(FileDescriptor.in)) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = from.read(buffer)) > 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException | RuntimeException ignored) {
                // the command ended (its terminal closed) or lit's stdin did
            }
        });
    }

    /** Unbuffered, so that a prompt without a newline shows at once. */
    private static void copyOutput(InputStream screen) {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        try {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = screen.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException ignored) {
            // the terminal closed under the reader: the session is over
        }
    }

    private static void close(OutputStream keys) {
        try {
            keys.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing was to be sent anyway
        }
    }
}
