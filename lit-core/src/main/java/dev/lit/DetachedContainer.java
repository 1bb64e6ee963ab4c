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
     * Starts a container made by {@link Lit#createDetached}, from any JVM; returns once its command runs.
     *
     * @throws LitException when it is not in state {@link ContainerSummary.State#CREATED} (started already)
     *                      or cannot start; it then stays created
     */
    default void start() {
        throw new UnsupportedOperationException("this container handle cannot start its container");
    }

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
     * Runs a command inside the running container, from this JVM (whose child the command is):
     * in its namespaces, cgroup and root, with its environment, user and confinement unless
     * {@code spec} overrides them, as {@link Container#exec(ExecSpec)}.
     *
     * @param spec the command, its environment, working directory, user and streams
     * @return the running command
     * @throws ExecFailedException when the command is not found or cannot be executed
     * @throws LitException when the container does not run, or is paused
     */
    default ExecProcess exec(ExecSpec spec) {
        throw new UnsupportedOperationException("this container handle cannot exec into its container");
    }

    /**
     * {@link #exec(ExecSpec)} of a command with the defaults (no input, output captured).
     *
     * @param command the command and its arguments
     * @return the running command
     */
    default ExecProcess exec(String... command) {
        return exec(ExecSpec.builder(command).build());
    }

    /**
     * Reads the container's resource use now.
     *
     * @return its CPU, memory, pids and I/O figures
     * @throws LitException when the container does not run
     */
    default ContainerStats stats() {
        throw new UnsupportedOperationException("this container handle cannot read stats");
    }

    /**
     * Freezes every process of the container (cgroup freezer): they keep their state and get no
     * CPU time until {@link #resume()}. No effect on a paused container.
     *
     * @throws LitException when the container does not run, or this host cannot freeze it
     */
    default void pause() {
        throw new UnsupportedOperationException("this container handle cannot pause its container");
    }

    /**
     * Thaws a {@link #pause() paused} container; no effect on one that is not paused.
     *
     * @throws LitException when the container does not run
     */
    default void resume() {
        throw new UnsupportedOperationException("this container handle cannot resume its container");
    }

    /**
     * Whether it is {@link #pause() paused} now.
     *
     * @return true while its processes are frozen
     */
    default boolean isPaused() {
        return false;
    }

    /**
     * Its log, oldest first. With {@link LogQuery#follow()} the stream waits for new entries and
     * ends once the container has ended and all it wrote is read; close it to stop earlier.
     *
     * @param query which entries, and whether to follow
     * @return the entries, lazily read; close it when done
     */
    Stream<LogEntry> logs(LogQuery query);
}
