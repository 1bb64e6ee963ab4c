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

    /** The host pid of the command. */
    long pid();

    boolean isAlive();

    /** Waits for the command to end. */
    ExitStatus waitFor() throws InterruptedException;

    /** Waits at most {@code timeout}; empty if the command still runs. */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /** Completes when the command ends. */
    CompletableFuture<ExitStatus> onExit();

    /** Waits for the end and for its output to drain; captured output is in the result. */
    RunResult result() throws InterruptedException;

    /** Sends a signal to the command. */
    void kill(Signal signal);

    /** The command's standard input ({@link Stdio#pipeInput()}), or the terminal with {@link Stdio#tty()}. */
    OutputStream stdin();

    /** The command's standard output ({@link Stdio#pipe()}), or the terminal with {@link Stdio#tty()}. */
    InputStream stdout();

    /** The command's standard error ({@link Stdio#pipe()}). */
    InputStream stderr();

    /** Sets the terminal's window size; the command gets SIGWINCH. Only with {@link Stdio#tty()}. */
    void resizeTty(int columns, int rows);

    /** Kills the command if it still runs, reaps it and releases its streams. Idempotent. */
    @Override
    void close();
}
