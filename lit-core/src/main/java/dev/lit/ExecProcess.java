package dev.lit;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A command started in a running container by {@link Container#exec}, named after
 * {@link Process}. A command that is not found (a shell's 127) or cannot be executed (126)
 * never gets a handle: {@link Container#exec} throws {@link ExecFailedException} instead.
 */
public interface ExecProcess extends AutoCloseable {

    /**
     * The host pid of the command.
     *
     * @return the pid, in the host's PID namespace
     */
    long pid();

    /**
     * Whether the command still runs.
     *
     * @return true until it has ended
     */
    boolean isAlive();

    /**
     * Waits for the command to end.
     *
     * @return how it ended
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    ExitStatus waitFor() throws InterruptedException;

    /**
     * Waits at most {@code timeout}; empty if the command still runs.
     *
     * @param timeout the longest wait
     * @return how it ended, or empty
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /**
     * Completes when the command ends.
     *
     * @return a future that completes with how it ended
     */
    CompletableFuture<ExitStatus> onExit();

    /**
     * Waits for the end and for its output to drain; captured output is in the result.
     *
     * @return the exit status and captured output
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    RunResult result() throws InterruptedException;

    /**
     * Sends a signal to the command.
     *
     * @param signal the signal
     */
    void kill(Signal signal);

    /**
     * The command's standard input ({@link Stdio#pipeInput()}), or the terminal with {@link Stdio#tty()}.
     *
     * @return the pipe or terminal to write to
     */
    OutputStream stdin();

    /**
     * The command's standard output ({@link Stdio#pipe()}), or the terminal with {@link Stdio#tty()}.
     *
     * @return the pipe or terminal to read from
     */
    InputStream stdout();

    /**
     * The command's standard error ({@link Stdio#pipe()}).
     *
     * @return the pipe to read from
     */
    InputStream stderr();

    /**
     * Sets the terminal's window size; the command gets SIGWINCH. Only with {@link Stdio#tty()}.
     *
     * @param columns the width in characters
     * @param rows the height in lines
     */
    void resizeTty(int columns, int rows);

    /** Kills the command if it still runs, reaps it and releases its streams. Idempotent. */
    @Override
    void close();
}
