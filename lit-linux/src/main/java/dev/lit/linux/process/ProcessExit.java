package dev.lit.linux.process;

import dev.lit.ExitStatus;
import dev.lit.LitException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a watched process ended, once it has: settled by the thread that reaps it, awaited with
 * or without a timeout as {@link Process} is. A container's PID 1 and an exec share it.
 */
public final class ProcessExit {
    private final String what;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();

    /**
     * An exit not settled yet.
     *
     * @param what the process, for messages: "container 1a2b3c", "an exec in container 1a2b3c"
     */
    public ProcessExit(String what) {
        this.what = what;
    }

    /**
     * Settles how it ended.
     *
     * @param status the status
     */
    public void complete(ExitStatus status) {
        exit.complete(status);
    }

    /**
     * Settles that its end could not be observed.
     *
     * @param cause why the watcher failed
     */
    public void fail(Throwable cause) {
        exit.completeExceptionally(cause);
    }

    /**
     * Whether it has ended (or its watcher failed).
     *
     * @return true once settled
     */
    public boolean isDone() {
        return exit.isDone();
    }

    /**
     * Waits for the end.
     *
     * @return how it ended
     * @throws InterruptedException if this thread is interrupted meanwhile
     * @throws LitException if its end could not be observed
     */
    public ExitStatus waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw lost(e);
        }
    }

    /**
     * Waits at most {@code timeout} for the end.
     *
     * @param timeout the longest wait
     * @return how it ended, or empty if it still runs
     * @throws InterruptedException if this thread is interrupted meanwhile
     * @throws LitException if its end could not be observed
     */
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw lost(e);
        }
    }

    /**
     * Waits at most {@code timeout} while tearing down: a failed watcher or a process that will
     * not die is no reason to keep what is being released.
     *
     * @param timeout the longest wait
     * @throws InterruptedException if this thread is interrupted meanwhile
     */
    public void awaitQuietly(Duration timeout) throws InterruptedException {
        try {
            exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // nothing more to learn from the watcher
        }
    }

    /**
     * How it ended, once settled.
     *
     * @return the status
     * @throws IllegalStateException if it has not ended
     */
    public ExitStatus now() {
        if (!exit.isDone()) {
            throw new IllegalStateException(what + " has not ended");
        }
        return exit.join();
    }

    /**
     * A future that completes at the end; completing it does not settle this exit.
     *
     * @return a copy of the future
     */
    public CompletableFuture<ExitStatus> onExit() {
        return exit.copy();
    }

    private LitException lost(ExecutionException e) {
        return new LitException("lost track of " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
}
