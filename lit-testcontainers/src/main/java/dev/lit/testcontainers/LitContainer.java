package dev.lit.testcontainers;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExecFailedException;
import dev.lit.ExecProcess;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.Mount;
import dev.lit.NetworkMode;
import dev.lit.PortMapping;
import dev.lit.RunResult;
import dev.lit.Stdio;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.MountableFile;

/**
 * A container that Lit runs, managed as Testcontainers manages its own: {@code @Container}
 * fields of a {@code @Testcontainers} class start before the tests and stop after them, and
 * the fluent {@code with...} methods, {@link #waitingFor}, {@link #getHost()},
 * {@link #getMappedPort(int)} and {@link #getLogs()} read as they do there. Nothing here
 * needs a Docker engine: {@link #start()} calls {@link Lit#start}.
 *
 * <pre>{@code
 * @Container
 * static LitContainer<?> web = new LitContainer<>("host")
 *         .withCommand("busybox", "httpd", "-f", "-p", "8080")
 *         .withExposedPorts(8080)
 *         .waitingFor(LitWait.forHttp("/").forStatusCode(404));
 * }</pre>
 *
 * <p>The base is {@code host} (the host's root, read-only under a writable layer), {@code dir:PATH}
 * or an image reference, as in {@link Base#parse}. The spec can be tuned further with
 * {@link #withSpec(Consumer)}.
 *
 * @param <SELF> the concrete type, so that subclasses keep their type through the fluent calls
 */
public class LitContainer<SELF extends LitContainer<SELF>> implements Startable {
    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ContainerSpec.Builder spec;
    private final List<Integer> exposedPorts = new ArrayList<>();
    private final List<Consumer<String>> logConsumers = new CopyOnWriteArrayList<>();
    private @Nullable LitWait waitStrategy;
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private @Nullable Container container;
    private ContainerLogs logs = new ContainerLogs(List.of());

    /** A container on the host's root filesystem; say what it runs with {@link #withCommand}. */
    public LitContainer() {
        this("host");
    }

    /**
     * A container on {@code base}: {@code host}, {@code dir:PATH} or an image reference such as {@code alpine:3.20}.
     *
     * @param base the base, as {@link Base#parse} reads it
     */
    public LitContainer(String base) {
        this(Container.builder().base(base));
    }

    /**
     * A container that starts from {@code spec}; the {@code with...} methods change a copy of it.
     *
     * @param spec the spec to start from
     */
    public LitContainer(ContainerSpec spec) {
        this(spec.toBuilder());
    }

    private LitContainer(ContainerSpec.Builder spec) {
        this.spec = spec;
    }

    /**
     * This object as its concrete type, for the fluent methods.
     *
     * @return this container
     */
    @SuppressWarnings("unchecked")
    protected final SELF self() {
        return (SELF) this;
    }

    /**
     * Sets an environment variable.
     *
     * @param key the variable's name
     * @param value its value
     * @return this container
     */
    public SELF withEnv(String key, String value) {
        spec.env(key, value);
        return self();
    }

    /**
     * Sets environment variables.
     *
     * @param values names and values
     * @return this container
     */
    public SELF withEnv(Map<String, String> values) {
        spec.env(values);
        return self();
    }

    /**
     * The command, split as a shell would split it; with an image it replaces the image's Cmd.
     *
     * @param commandLine the command line, such as {@code "sleep 60"}
     * @return this container
     */
    public SELF withCommand(String commandLine) {
        spec.commandLine(commandLine);
        return self();
    }

    /**
     * The command and its arguments, word by word.
     *
     * @param words the executable (or, after an entrypoint, its first argument) and the arguments
     * @return this container
     */
    public SELF withCommand(String... words) {
        spec.command(words);
        return self();
    }

    /**
     * The entrypoint, word by word; the command follows it as arguments.
     *
     * @param words the executable and its first arguments
     * @return this container
     */
    public SELF withEntrypoint(String... words) {
        spec.entrypoint(List.of(words));
        return self();
    }

    /**
     * The working directory inside the container.
     *
     * @param directory an absolute path in the container
     * @return this container
     */
    public SELF withWorkingDirectory(String directory) {
        spec.workdir(directory);
        return self();
    }

    /**
     * The container's host name.
     *
     * @param hostname a valid host name
     * @return this container
     */
    public SELF withHostname(String hostname) {
        spec.hostname(hostname);
        return self();
    }

    /**
     * The network: {@code none} (the default without exposed ports: loopback only), {@code host}, or a bridge network.
     *
     * @param mode {@code none}, {@code host}, {@code bridge} (Lit's default bridge network) or the
     *             name of a bridge network
     * @return this container
     */
    public SELF withNetworkMode(String mode) {
        switch (mode) {
            case "none" -> spec.network(NetworkMode.none());
            case "host" -> spec.network(NetworkMode.host());
            case "bridge" -> spec.network(NetworkMode.bridge());
            default -> spec.network(mode);
        }
        return self();
    }

    /**
     * Ports the container listens on: what {@link LitWait#forListeningPort()} waits for. Each is
     * published at start on a free port of the host's loopback ({@link #getMappedPort}); a
     * container without a network then joins Lit's default bridge network.
     *
     * @param ports container ports, 1 to 65535
     * @return this container
     */
    public SELF withExposedPorts(Integer... ports) {
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
            exposedPorts.add(port);
        }
        return self();
    }

    /**
     * Copies a file or directory into the container's writable layer before it starts.
     *
     * @param file the file or directory, as Testcontainers names it
     * @param containerPath where it lands: an absolute path in the container
     * @return this container
     */
    public SELF withCopyFileToContainer(MountableFile file, String containerPath) {
        return withCopyFileToContainer(Path.of(file.getResolvedPath()), containerPath);
    }

    /**
     * Copies a host file or directory into the container's writable layer before it starts.
     *
     * @param hostPath the host file or directory
     * @param containerPath where it lands: an absolute path in the container
     * @return this container
     */
    public SELF withCopyFileToContainer(Path hostPath, String containerPath) {
        spec.copy(hostPath.toAbsolutePath(), containerPath);
        return self();
    }

    /**
     * Bind-mounts a host path into the container.
     *
     * @param hostPath the host file or directory
     * @param containerPath where it appears: an absolute path in the container
     * @param mode {@code READ_ONLY} or {@code READ_WRITE}
     * @return this container
     */
    public SELF withFileSystemBind(String hostPath, String containerPath, BindMode mode) {
        Path source = Path.of(hostPath).toAbsolutePath();
        spec.mount(mode == BindMode.READ_ONLY ? Mount.bindReadOnly(source, containerPath) : Mount.bind(source, containerPath));
        return self();
    }

    /**
     * Bind-mounts a host path into the container, writable.
     *
     * @param hostPath the host file or directory
     * @param containerPath where it appears: an absolute path in the container
     * @return this container
     */
    public SELF withFileSystemBind(String hostPath, String containerPath) {
        return withFileSystemBind(hostPath, containerPath, BindMode.READ_WRITE);
    }

    /**
     * Mounts an empty tmpfs at each path.
     *
     * @param paths absolute paths in the container
     * @return this container
     */
    public SELF withTmpFs(String... paths) {
        for (String path : paths) {
            spec.mount(new Mount.Tmpfs(path, null));
        }
        return self();
    }

    /**
     * What makes the started container ready; by default, its exposed ports listening (or nothing, with none exposed).
     *
     * @param strategy the readiness strategy
     * @return this container
     */
    public SELF waitingFor(LitWait strategy) {
        waitStrategy = strategy;
        return self();
    }

    /**
     * How long {@link #start()} waits for readiness before it fails (60 seconds by default).
     *
     * @param timeout a positive duration
     * @return this container
     */
    public SELF withStartupTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the startup timeout must be positive, not " + timeout);
        }
        startupTimeout = timeout;
        return self();
    }

    /**
     * Receives every line the container writes to stdout or stderr, on a background thread.
     *
     * @param consumer called with each line, without its newline
     * @return this container
     */
    public SELF withLogConsumer(Consumer<String> consumer) {
        logConsumers.add(consumer);
        return self();
    }

    /**
     * Changes the Lit spec directly: limits, mounts, security and everything the fluent methods leave out.
     *
     * @param change changes the builder in place
     * @return this container
     */
    public SELF withSpec(Consumer<ContainerSpec.Builder> change) {
        change.accept(spec);
        return self();
    }

    /**
     * Starts the container and waits until it is ready. Does nothing when it already runs.
     *
     * @throws ContainerLaunchException when Lit cannot start it, it ends before it is ready,
     *         or it is not ready within the startup timeout; its logs so far are in the message
     */
    @Override
    public void start() {
        if (container != null) {
            return;
        }
        ContainerLogs newLogs = new ContainerLogs(logConsumers);
        ContainerSpec built;
        try {
            built = publishedSpec().stdio(new Stdio(Stdio.emptyInput(), Stdio.lines(newLogs.stdout()), Stdio.lines(newLogs.stderr())))
                    .build();
        } catch (RuntimeException e) {
            throw new ContainerLaunchException("the container's spec is not valid: " + e.getMessage(), e);
        }
        logs = newLogs;
        Container started;
        try {
            started = Lit.start(built);
        } catch (RuntimeException e) {
            throw new ContainerLaunchException("Lit could not start the container: " + e.getMessage(), e);
        }
        container = started;
        try {
            awaitReady(started);
        } catch (RuntimeException e) {
            container = null;
            started.close();
            throw e instanceof ContainerLaunchException ? e : new ContainerLaunchException(e.getMessage() + logTail(), e);
        } catch (InterruptedException e) {
            container = null;
            started.close();
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting for container " + started.id() + " to be ready", e);
        }
    }

    /**
     * The spec with each exposed port published on a free port of the host's loopback, as Docker
     * publishes Testcontainers' exposed ports; with the host's network the ports are the host's already.
     */
    private ContainerSpec.Builder publishedSpec() {
        ContainerSpec.Builder copy = spec.build().toBuilder();
        if (!(copy.build().network() instanceof NetworkMode.Host)) {
            exposedPorts.forEach(port -> copy.publish(new PortMapping("127.0.0.1", 0, port, PortMapping.Protocol.TCP)));
        }
        return copy;
    }

    private void awaitReady(Container started) throws InterruptedException {
        LitWait strategy = waitStrategy != null ? waitStrategy : exposedPorts.isEmpty() ? null : LitWait.forListeningPort();
        if (strategy == null) {
            return;
        }
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (!isReady(strategy, started)) {
            Optional<ExitStatus> ended = started.waitFor(POLL);
            if (ended.isPresent() && !isReady(strategy, started)) {
                throw new ContainerLaunchException("container " + started.id() + " ended (" + ended.get()
                        + ") before it was ready: it was waiting for " + strategy + logTail());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ContainerLaunchException("container " + started.id() + " was not ready within " + startupTimeout
                        + ": it was waiting for " + strategy + logTail());
            }
        }
    }

    private boolean isReady(LitWait strategy, Container started) throws InterruptedException {
        return switch (strategy) {
            case LogMessageWait w -> w.isReady(logs);
            case ListeningPortWait w -> {
                List<Integer> ports = w.portsOf(exposedPorts);
                if (ports.isEmpty()) {
                    throw new IllegalStateException("waiting for listening ports, but no port is exposed: call withExposedPorts");
                }
                yield ListeningSockets.of(started.pid()).containsAll(ports);
            }
            case HttpWait w -> answers(w);
        };
    }

    private boolean answers(HttpWait wait) throws InterruptedException {
        Integer port = wait.port();
        if (port == null) {
            if (exposedPorts.isEmpty()) {
                throw new IllegalStateException("waiting for HTTP on the first exposed port, but none is exposed: call withExposedPorts or forPort");
            }
            port = exposedPorts.getFirst();
        }
        URI uri = URI.create("http://" + getHost() + ":" + getMappedPort(port) + wait.path());
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return wait.accepts(response.statusCode(), response.body());
        } catch (IOException e) {
            return false; // not listening yet, or reset while starting up
        }
    }

    private String logTail() {
        List<ContainerLogs.Line> lines = logs.lines();
        if (lines.isEmpty()) {
            return "; it wrote nothing";
        }
        StringBuilder tail = new StringBuilder("; its last lines:");
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> tail.append("\n  ").append(l.text()));
        return tail.toString();
    }

    /** Kills the container if it still runs and removes everything Lit made for it. It can be started again. */
    @Override
    public void stop() {
        Container running = container;
        container = null;
        if (running != null) {
            running.close();
        }
    }

    /**
     * Whether the container was started and its PID 1 still runs.
     *
     * @return true while it runs
     */
    public boolean isRunning() {
        Container running = container;
        return running != null && running.isAlive();
    }

    /**
     * The host name that reaches the container's ports from this JVM.
     *
     * @return {@code localhost}
     */
    public String getHost() {
        return "localhost";
    }

    /**
     * The host port that reaches {@code containerPort}: the free loopback port it was published
     * on at start. With {@code withNetworkMode("host")} the container's ports are the host's, so it
     * is {@code containerPort} itself.
     *
     * @param containerPort an exposed port
     * @return the host port
     * @throws IllegalStateException         before {@link #start()}
     * @throws IllegalArgumentException when the port is not exposed
     */
    public Integer getMappedPort(int containerPort) {
        Container running = requireStarted("getMappedPort");
        if (!exposedPorts.contains(containerPort)) {
            throw new IllegalArgumentException("port " + containerPort + " is not exposed: call withExposedPorts(" + containerPort + ")");
        }
        if (running.spec().network() instanceof NetworkMode.Host) {
            return containerPort;
        }
        return running.mappedPort(containerPort);
    }

    /**
     * The mapped port of the first exposed port.
     *
     * @return the host port
     * @throws IllegalStateException when no port is exposed
     */
    public Integer getFirstMappedPort() {
        if (exposedPorts.isEmpty()) {
            throw new IllegalStateException("no port is exposed: call withExposedPorts");
        }
        return getMappedPort(exposedPorts.getFirst());
    }

    /**
     * The ports given to {@link #withExposedPorts}.
     *
     * @return the exposed ports, in order
     */
    public List<Integer> getExposedPorts() {
        return List.copyOf(exposedPorts);
    }

    /**
     * Runs a command inside the running container (its namespaces, cgroup, root and environment)
     * and returns its exit code and output. A command that is not found gives 127 and one that
     * cannot be executed 126, with the reason on stderr, as a shell would say.
     *
     * @param command the command and its arguments
     * @return its exit code and output
     * @throws InterruptedException when interrupted while the command runs
     */
    public ExecResult execInContainer(String... command) throws InterruptedException {
        Container running = requireStarted("execInContainer");
        try (ExecProcess process = running.exec(command)) {
            RunResult result = process.result();
            return new ExecResult(result.exitCode(), result.stdoutText(), result.stderrText());
        } catch (ExecFailedException e) {
            return new ExecResult(e.notFound() ? 127 : 126, "", e.getMessage() + "\n");
        }
    }

    /**
     * Everything the container wrote so far to stdout and stderr, line by line in arrival order.
     *
     * @return the lines, each ended by a newline
     */
    public String getLogs() {
        return logs.text(true, true);
    }

    /**
     * What the container wrote so far to stdout.
     *
     * @return the lines, each ended by a newline
     */
    public String getStdout() {
        return logs.text(true, false);
    }

    /**
     * What the container wrote so far to stderr.
     *
     * @return the lines, each ended by a newline
     */
    public String getStderr() {
        return logs.text(false, true);
    }

    /**
     * The Lit container's id, also its cgroup and state directory name.
     *
     * @return the id
     * @throws IllegalStateException before {@link #start()}
     */
    public String getContainerId() {
        return requireStarted("getContainerId").id();
    }

    /**
     * The running Lit container, for everything its API offers: signals, waiting, its exit status.
     *
     * @return the container
     * @throws IllegalStateException before {@link #start()}
     */
    public Container getLitContainer() {
        return requireStarted("getLitContainer");
    }

    /**
     * The spec as it stands now (what {@link #start()} would run), without the stdio it adds.
     *
     * @return the spec
     */
    public ContainerSpec getSpec() {
        return spec.build();
    }

    private Container requireStarted(String what) {
        Container running = container;
        if (running == null) {
            throw new IllegalStateException(what + " needs a started container: call start() first");
        }
        return running;
    }

    @Override
    public Set<Startable> getDependencies() {
        return Set.of();
    }

    @Override
    public String toString() {
        Container running = container;
        return "LitContainer[" + (running == null ? "not started" : running.id()) + "]";
    }
}
