package dev.lit;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A handle on a container that Lit's monitor supervises rather than a JVM: any JVM (or the
 * {@code lit} command) may hold one, and dropping it changes nothing. The container runs
 * until it ends or is stopped, and is kept (its log, its exit status) until {@link #remove()}.
 */
public interface DetachedContainer {

    String id();

    /** The state, pid, exit status and restarts as of now. */
    ContainerSummary summary();

    /** The host pid of the current PID 1, or 0 if none runs. */
    default long pid() {
        return summary().pid();
    }

    /** True while a PID 1 runs or a restart is pending. */
    boolean isAlive();

    /** Waits for the container to end for good (restarts included). */
    ExitStatus waitFor() throws InterruptedException;

    /** Waits at most {@code timeout}; empty if it still runs. */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /** Sends a signal to PID 1; no effect if none runs. */
    void kill(Signal signal);

    /** Sends SIGTERM, then SIGKILL after {@code timeout}, and ends the restarts; returns once it ended. */
    void stop(Duration timeout) throws InterruptedException;

    /** Removes an ended container: its state, log, cgroups and writable layer. Refuses a running one. */
    void remove();

    /** Stops it if it runs (SIGKILL at once), then removes it. */
    void forceRemove() throws InterruptedException;

    /**
     * Its log, oldest first. With {@link LogQuery#follow()} the stream waits for new entries and
     * ends once the container has ended and all it wrote is read; close it to stop earlier.
     */
    Stream<LogEntry> logs(LogQuery query);
}
