package dev.lit;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A running (or finished) container, named after {@link Process}. {@link #close()}
 * kills what is still running and removes everything Lit created for it: cgroups,
 * mounts, its writable layer and state directory.
 */
public interface Container extends AutoCloseable {

    /** A builder for the spec that {@link Lit#start} and {@link Lit#run} take. */
    static ContainerSpec.Builder builder() {
        return new ContainerSpec.Builder();
    }

    /** A short unique id, also the cgroup and state directory name. */
    String id();

    ContainerSpec spec();

    /** The host pid of the container's PID 1. */
    long pid();

    boolean isAlive();

    /** Waits for PID 1 to end. */
    ExitStatus waitFor() throws InterruptedException;

    /** Waits at most {@code timeout}; empty if the container still runs. */
    Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException;

    /** Completes when PID 1 ends. */
    CompletableFuture<ExitStatus> onExit();

    /**
     * Waits for the end and for the output streams to drain, and returns the
     * result with whatever was {@link Stdio#capture() captured}.
     */
    RunResult result() throws InterruptedException;

    /** Sends a signal to PID 1 (with Lit's init, it forwards it to the command). */
    void kill(Signal signal);

    /** Where to write the container's standard input when it is {@link Stdio#pipeInput()}. */
    OutputStream stdin();

    /** The container's standard output when it is {@link Stdio#pipe()}. */
    InputStream stdout();

    /** The container's standard error when it is {@link Stdio#pipe()}. */
    InputStream stderr();

    /** The automatic memory tuner's state; empty when {@code optimize.auto_memory_tune} is off. */
    default Optional<MemoryTuningStatus> memoryTuning() {
        return Optional.empty();
    }

    /**
     * Calls {@code listener} (on the tuner's thread) for every decision of the memory tuner that
     * changes the soft limit; nothing happens when tuning is off.
     */
    default void onMemoryTuning(Consumer<MemoryTuningEvent> listener) {
    }

    /** Kills whatever still runs and removes all Lit made for this container. Idempotent. */
    @Override
    void close();
}
