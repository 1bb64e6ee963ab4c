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

    /**
     * The container's id.
     *
     * @return a short unique id, also its cgroup and state directory name
     */
    String id();

    /**
     * Reads the container's state now.
     *
     * @return its state, pid, exit status and restarts as of now
     */
    ContainerSummary summary();

    /**
     * The current PID 1.
     *
     * @return the host pid of the current PID 1, or 0 if none runs
     */
    default long pid() {
        return summary().pid();
    }

    /**
     * Whether it still runs.
     *
     * @return true while a PID 1 runs or a restart is pending
     */
    boolean isAlive();

    /**
     * Waits for the container to end for good (restarts included).
     *
     * @return how its last run ended
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    ExitStatus waitFor() throws InterruptedException;

    /**
     * Waits for the container to end for good, at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return how its last run ended, or empty if it still runs
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /**
     * Sends a signal to PID 1 (with Lit's init, to the command); no effect if none runs.
     *
     * @param signal the signal
     */
    void kill(Signal signal);

    /**
     * Sends SIGTERM, then SIGKILL after {@code timeout}, and ends the restarts; returns once it ended.
     *
     * @param timeout how long the command has to end after SIGTERM
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    void stop(Duration timeout) throws InterruptedException;

    /** Removes an ended container: its state, log, cgroups and writable layer. Refuses a running one. */
    void remove();

    /**
     * Stops it if it runs (SIGKILL at once), then removes it.
     *
     * @throws InterruptedException if this thread is interrupted while waiting for the end
     */
    void forceRemove() throws InterruptedException;

    /**
     * A writer to its stdin, when it was started with {@link DetachOptions#withStdinOpen}: what is
     * written reaches the command (and a restarted one); closing the stream does not close the
     * container's stdin, which stays open while the container lives.
     *
     * @return a new stream to the container's stdin; close it when done
     * @throws UnsupportedFeatureException if its stdin was not kept open
     */
    java.io.OutputStream stdin();

    /**
     * Its log, oldest first. With {@link LogQuery#follow()} the stream waits for new entries and
     * ends once the container has ended and all it wrote is read; close it to stop earlier.
     *
     * @param query which entries, and whether to follow
     * @return the entries, lazily read; close it when done
     */
    Stream<LogEntry> logs(LogQuery query);
}
