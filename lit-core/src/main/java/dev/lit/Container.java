package dev.lit;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    /**
     * The host port on which container port {@code containerPort}/tcp is published, as
     * Testcontainers' {@code getMappedPort}.
     *
     * @throws IllegalArgumentException if that port is not published
     */
    default int mappedPort(int containerPort) {
        return mappedPort(containerPort, PortMapping.Protocol.TCP);
    }

    /**
     * The host port on which {@code containerPort} is published for {@code protocol}.
     *
     * @throws IllegalArgumentException if that port is not published
     */
    default int mappedPort(int containerPort, PortMapping.Protocol protocol) {
        throw new IllegalArgumentException(containerPort + "/" + protocol + " is not published");
    }

    /** The published ports as bound, with host ports that were 0 resolved to the ones picked. */
    default java.util.List<PortMapping> ports() {
        return java.util.List.of();
    }

    /** The container's IPv4 address on the bridge network {@code network}, if it joined it. */
    default Optional<String> ipAddress(String network) {
        return Optional.ofNullable(ipAddresses().get(network));
    }

    /** The container's IPv4 address on each bridge network it joined, by network name. */
    default java.util.Map<String, String> ipAddresses() {
        return java.util.Map.of();
    }

    /** Kills whatever still runs and removes all Lit made for this container. Idempotent. */
    @Override
    void close();
}
