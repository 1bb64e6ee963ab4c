package dev.lit;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A running (or finished) container, named after {@link Process}. {@link #close()}
 * kills what is still running and removes everything Lit created for it: cgroups,
 * mounts, its writable layer and state directory.
 */
public interface Container extends AutoCloseable {

    /**
     * A builder for the spec that {@link Lit#start} and {@link Lit#run} take.
     *
     * @return a new builder, with Lit's defaults
     */
    static ContainerSpec.Builder builder() {
        return new ContainerSpec.Builder();
    }

    /**
     * A short unique id, also the cgroup and state directory name.
     *
     * @return the id
     */
    String id();

    /**
     * The spec this container was started from.
     *
     * @return the spec
     */
    ContainerSpec spec();

    /**
     * The host pid of the container's PID 1.
     *
     * @return the pid, in the host's PID namespace
     */
    long pid();

    /**
     * Whether PID 1 still runs.
     *
     * @return true until PID 1 has ended
     */
    boolean isAlive();

    /**
     * Waits for PID 1 to end.
     *
     * @return how PID 1 ended
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    ExitStatus waitFor() throws InterruptedException;

    /**
     * Waits at most {@code timeout}; empty if the container still runs.
     *
     * @param timeout the longest wait
     * @return how PID 1 ended, or empty
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /**
     * Completes when PID 1 ends.
     *
     * @return a future that completes with how PID 1 ended
     */
    CompletableFuture<ExitStatus> onExit();

    /**
     * Waits for the end and for the output streams to drain, and returns the
     * result with whatever was {@link Stdio#capture() captured}.
     *
     * @return the exit status and captured output
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    RunResult result() throws InterruptedException;

    /**
     * Sends a signal to PID 1 (with Lit's init, it forwards it to the command).
     *
     * @param signal the signal
     */
    void kill(Signal signal);

    /**
     * Where to write the container's standard input when it is {@link Stdio#pipeInput()}.
     *
     * @return the pipe to the container's standard input
     */
    OutputStream stdin();

    /**
     * The container's standard output when it is {@link Stdio#pipe()}.
     *
     * @return the pipe from the container's standard output
     */
    InputStream stdout();

    /**
     * The container's standard error when it is {@link Stdio#pipe()}.
     *
     * @return the pipe from the container's standard error
     */
    InputStream stderr();

    /**
     * Stops the container as Docker does: SIGTERM to the command, SIGKILL to everything once
     * {@code timeout} has passed. Returns how it ended.
     *
     * @param timeout how long the command has after SIGTERM
     * @return how PID 1 ended
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    default ExitStatus stop(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("this container handle cannot stop its container");
    }

    /** Freezes every process of the container (cgroup freezer); they keep their state and get no CPU time. */
    default void pause() {
        throw new UnsupportedOperationException("this container handle cannot pause its container");
    }

    /** Thaws a {@link #pause() paused} container. */
    default void resume() {
        throw new UnsupportedOperationException("this container handle cannot resume its container");
    }

    /**
     * Where the container is in its life.
     *
     * @return the state
     */
    default ContainerState state() {
        return isAlive() ? ContainerState.RUNNING : ContainerState.EXITED;
    }

    /**
     * Runs a command inside the running container: in its namespaces, cgroup and root, with
     * its environment, user and confinement unless {@code spec} overrides them.
     *
     * @throws ExecFailedException when the command is not found or cannot be executed
     * @param spec the command and what it overrides
     * @return the running command
     */
    default ExecProcess exec(ExecSpec spec) {
        throw new UnsupportedOperationException("this container handle cannot exec into its container");
    }

    /**
     * {@link #exec(ExecSpec)} of a command with the defaults (no input, output captured).
     *
     * @param command the executable and its arguments
     * @return the running command
     */
    default ExecProcess exec(String... command) {
        return exec(ExecSpec.builder(command).build());
    }

    /**
     * Sets the window size of the container's terminal ({@link Stdio#tty()}); the command gets SIGWINCH.
     *
     * @param columns the width in characters
     * @param rows the height in lines
     */
    default void resizeTty(int columns, int rows) {
        throw new UnsupportedOperationException("this container handle has no terminal");
    }

    /**
     * The container's resource use now.
     *
     * @return a sample of cpu, memory, pids and network use
     */
    default ContainerStats stats() {
        throw new UnsupportedOperationException("this container handle cannot read stats");
    }

    /**
     * The container's resource use every {@code interval}, to each subscriber, until the
     * container ends (then onComplete) or the subscription is cancelled. A slow subscriber
     * misses samples rather than holding them up.
     *
     * @param interval the time between samples
     * @return a publisher of samples
     */
    default Flow.Publisher<ContainerStats> statsStream(Duration interval) {
        throw new UnsupportedOperationException("this container handle cannot stream stats");
    }

    /**
     * The container's events. A new subscriber first gets the events that already happened
     * (so {@code Created} and {@code Started} are never missed), then the live ones; the
     * stream completes after {@code Died}.
     *
     * @return a publisher of the events
     */
    default Flow.Publisher<ContainerEvent> events() {
        throw new UnsupportedOperationException("this container handle has no events");
    }

    /**
     * Records an event of an open kind about this container, such as a tuning step ("tuned",
     * "cpu limit raised to 2: throttled 40% of periods"): it reaches {@link #events()},
     * {@link Lit#events()} and JDK Flight Recorder as {@link ContainerEvent.Custom}.
     *
     * @param name the event's kind, short
     * @param reason what happened, for people
     */
    default void recordEvent(String name, String reason) {
        throw new UnsupportedOperationException("this container handle has no events");
    }

    /**
     * The automatic memory tuner's state; empty when {@code optimize.auto_memory_tune} is off.
     *
     * @return the tuner's limits and last decision, or empty
     */
    default Optional<MemoryTuningStatus> memoryTuning() {
        return Optional.empty();
    }

    /**
     * Calls {@code listener} (on the tuner's thread) for every decision of the memory tuner that
     * changes the soft limit; nothing happens when tuning is off.
     *
     * @param listener called with each decision
     */
    default void onMemoryTuning(Consumer<MemoryTuningEvent> listener) {
    }

    /**
     * The host port on which container port {@code containerPort}/tcp is published, as
     * Testcontainers' {@code getMappedPort}.
     *
     * @throws IllegalArgumentException if that port is not published
     * @param containerPort the port in the container
     * @return the port on the host
     */
    default int mappedPort(int containerPort) {
        return mappedPort(containerPort, PortMapping.Protocol.TCP);
    }

    /**
     * The host port on which {@code containerPort} is published for {@code protocol}.
     *
     * @throws IllegalArgumentException if that port is not published
     * @param containerPort the port in the container
     * @param protocol TCP or UDP
     * @return the port on the host
     */
    default int mappedPort(int containerPort, PortMapping.Protocol protocol) {
        throw new IllegalArgumentException(containerPort + "/" + protocol + " is not published");
    }

    /**
     * The published ports as bound, with host ports that were 0 resolved to the ones picked.
     *
     * @return the mappings, host ports resolved
     */
    default java.util.List<PortMapping> ports() {
        return java.util.List.of();
    }

    /**
     * The container's IPv4 address on the bridge network {@code network}, if it joined it.
     *
     * @param network the network's name
     * @return the address, or empty if the container is not on that network
     */
    default Optional<String> ipAddress(String network) {
        return Optional.ofNullable(ipAddresses().get(network));
    }

    /**
     * The container's IPv4 address on each bridge network it joined, by network name.
     *
     * @return network names to addresses; empty without a bridge network
     */
    default java.util.Map<String, String> ipAddresses() {
        return java.util.Map.of();
    }

    /** Kills whatever still runs and removes all Lit made for this container. Idempotent. */
    @Override
    void close();
}
