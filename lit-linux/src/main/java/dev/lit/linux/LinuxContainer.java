package dev.lit.linux;

import dev.lit.Container;
import dev.lit.ContainerEvent;
import dev.lit.ContainerSpec;
import dev.lit.ContainerState;
import dev.lit.ContainerStats;
import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.ExitStatus;
import dev.lit.LitException;
import dev.lit.MemoryTuningEvent;
import dev.lit.MemoryTuningStatus;
import dev.lit.PortMapping;
import dev.lit.RunResult;
import dev.lit.Signal;
import dev.lit.linux.cgroup.CgroupFreezer;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.events.ContainerEvents;
import dev.lit.linux.events.OomWatch;
import dev.lit.linux.exec.ExecLauncher;
import dev.lit.linux.exec.LinuxExecProcess;
import dev.lit.linux.stats.StatsPublisher;
import dev.lit.linux.stats.StatsReader;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.optimize.MemoryTuner;
import dev.lit.linux.plan.Namespace;
import dev.lit.linux.net.ContainerNetwork;
import dev.lit.linux.plan.Report;
import dev.lit.linux.process.ProcessExit;
import dev.lit.linux.process.ReportReader;
import dev.lit.linux.state.ContainerDirectory;
import dev.lit.linux.stdio.StdioConnection;
import dev.lit.plugin.Plugins;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A running container on Linux: its PID 1 is a child of this JVM, watched through a pidfd
 * by one platform thread that reaps it and settles {@link #onExit()}.
 */
final class LinuxContainer implements Container {
    private final String id;
    private final ContainerSpec spec;
    private final int pid;
    private final int pidfd;
    private final @Nullable ReportReader initReports;
    private final ContainerCgroup cgroup;
    private final ContainerDirectory directory;
    private final StdioConnection stdio;
    private final long startedNanos;
    private final ProcessExit exit;
    private final Consumer<LinuxContainer> onClose;
    private final Runnable releaseIds;
    private final @Nullable MemoryTuner tuner;
    private final CompletableFuture<Void> pluginsStarted = new CompletableFuture<>();
    private final @Nullable ContainerNetwork network;
    private volatile long endedNanos;
    private boolean closed;
    private final ContainerEvents events;
    private final ExecLauncher execs;
    private final OomWatch oomWatch;
    private final List<LinuxExecProcess> execProcesses = new CopyOnWriteArrayList<>();
    private volatile boolean paused;
    private final Set<Namespace> namespaces;

    LinuxContainer(String id, ContainerSpec spec, int pid, int pidfd, @Nullable ReportReader initReports,
                   ContainerCgroup cgroup, ContainerDirectory directory, StdioConnection stdio, Runnable releaseIds,
                   @Nullable ContainerNetwork network, long startedNanos, Consumer<LinuxContainer> onClose, ContainerEvents events, ExecLauncher execs,
                   Set<Namespace> namespaces) {
        this.namespaces = Set.copyOf(namespaces);
        this.events = events;
        this.execs = execs;
        this.oomWatch = OomWatch.start(cgroup::oomKills, kills -> events.emit(new ContainerEvent.Oom(id, Instant.now(), kills)));
        this.exit = new ProcessExit("container " + id);
        this.network = network;
        this.startedNanos = startedNanos;
        this.id = id;
        this.spec = spec;
        this.pid = pid;
        this.pidfd = pidfd;
        this.initReports = initReports;
        this.cgroup = cgroup;
        this.directory = directory;
        this.stdio = stdio;
        this.onClose = onClose;
        this.releaseIds = releaseIds;
        Thread.ofPlatform().daemon().name("lit-wait-" + id).start(this::awaitExit);
        // Its own virtual thread: never in the way of the start.
        this.tuner = MemoryTuner.startFor(id, spec, cgroup, this::isAlive);
        // Every change of the soft limit is an event with its reason, beside the tuner's own listeners.
        if (tuner != null) {
            tuner.addListener(e -> events.emit(new ContainerEvent.Custom(id, e.time(), "memory-tuned",
                    e.action().name().toLowerCase(java.util.Locale.ROOT) + " " + e.fromBytes() + " -> " + e.toBytes() + " bytes: " + e.reason())));
        }
    }

    private void awaitExit() {
        try {
            Libc.ChildStatus status = Libc.waitPidfd(pidfd);
            endedNanos = System.nanoTime();
            ExitStatus result = interpret(status);
            // Plugins hear of the exit after their start hook and before any waiter wakes up.
            try {
                pluginsStarted.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                // the start hook never ran to the end: tell the exit anyway
            }
            Plugins.installed().exited(this, result);
            oomWatch.stop();
            events.emit(new ContainerEvent.Died(id, Instant.now(), result));
            exit.complete(result);
        } catch (RuntimeException e) {
            oomWatch.stop();
            exit.fail(e);
        }
    }

    /** The init's own report is the truth about the command; the wait status covers a killed init. */
    private ExitStatus interpret(Libc.ChildStatus status) {
        ExitStatus result = status.exited() ? new ExitStatus.Exited(status.status()) : new ExitStatus.Signaled(status.status());
        if (initReports != null) {
            Optional<Report> r;
            while ((r = initReports.next()).isPresent()) {
                switch (r.get()) {
                    case Report.Exited(int code) -> result = new ExitStatus.Exited(code);
                    case Report.Signaled(int signal) -> result = new ExitStatus.Signaled(signal);
                    default -> {
                    }
                }
            }
        }
        if (result instanceof ExitStatus.Signaled(int signal) && signal == Signal.SIGKILL.number() && cgroup.oomKills() > 0) {
            return new ExitStatus.OomKilled(signal);
        }
        return result;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ContainerSpec spec() {
        return spec;
    }

    @Override
    public long pid() {
        return pid;
    }

    ContainerCgroup cgroup() {
        return cgroup;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public ExitStatus waitFor() throws InterruptedException {
        return exit.waitFor();
    }

    @Override
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        return exit.waitFor(timeout);
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit.onExit();
    }

    @Override
    public RunResult result() throws InterruptedException {
        ExitStatus status = waitFor();
        stdio.awaitDrained(Duration.ofSeconds(10));
        return new RunResult(id, status, stdio.capturedStdout(), stdio.capturedStderr(),
                Duration.ofNanos(endedNanos - startedNanos));
    }

    /** Runs the plugins' start hooks; the launcher calls it once the container runs. */
    void startPlugins() {
        try {
            Plugins.installed().started(this);
        } finally {
            pluginsStarted.complete(null);
        }
    }

    @Override
    public Optional<MemoryTuningStatus> memoryTuning() {
        return tuner == null ? Optional.empty() : Optional.of(tuner.status());
    }

    @Override
    public void onMemoryTuning(Consumer<MemoryTuningEvent> listener) {
        if (tuner != null) {
            tuner.addListener(listener);
        }
    }

    @Override
    public void kill(Signal signal) {
        if (!exit.isDone()) {
            Libc.pidfdSendSignal(pidfd, signal.number());
        }
    }

    @Override
    public ExitStatus stop(Duration timeout) throws InterruptedException {
        if (paused) {
            resume(); // a frozen process cannot act on SIGTERM
        }
        kill(Signal.SIGTERM);
        Optional<ExitStatus> ended = waitFor(timeout);
        if (ended.isPresent()) {
            return ended.get();
        }
        // SIGKILL to PID 1 ends its pid namespace: the kernel kills every process in it
        kill(Signal.SIGKILL);
        return waitFor();
    }

    @Override
    public synchronized void pause() {
        requireRunning("pause");
        if (!paused) {
            CgroupFreezer.freeze(cgroup);
            paused = true;
            events.emit(new ContainerEvent.Paused(id, Instant.now()));
        }
    }

    @Override
    public synchronized void resume() {
        if (paused) {
            CgroupFreezer.thaw(cgroup);
            paused = false;
            events.emit(new ContainerEvent.Resumed(id, Instant.now()));
        }
    }

    @Override
    public ContainerState state() {
        if (exit.isDone()) {
            return ContainerState.EXITED;
        }
        return paused ? ContainerState.PAUSED : ContainerState.RUNNING;
    }

    @Override
    public ExecProcess exec(ExecSpec exec) {
        requireRunning("exec into");
        if (paused) {
            throw new IllegalStateException("container " + id + " is paused: resume() it before exec (the command would be frozen too)");
        }
        LinuxExecProcess p = execs.start(id, spec, pid, pidfd, cgroup, namespaces, exec);
        execProcesses.add(p);
        p.onExit().whenComplete((s, e) -> execProcesses.remove(p));
        return p;
    }

    @Override
    public void resizeTty(int columns, int rows) {
        stdio.resizeTerminal(columns, rows);
    }

    @Override
    public ContainerStats stats() {
        return StatsReader.read(cgroup, pid);
    }

    @Override
    public Flow.Publisher<ContainerStats> statsStream(Duration interval) {
        return new StatsPublisher(this::stats, this::isAlive, interval);
    }

    @Override
    public Flow.Publisher<ContainerEvent> events() {
        return events.publisher();
    }

    @Override
    public void recordEvent(String name, String reason) {
        events.emit(new ContainerEvent.Custom(id, Instant.now(), name, reason));
    }

    private void requireRunning(String what) {
        if (exit.isDone()) {
            throw new IllegalStateException("cannot " + what + " container " + id + ": it has exited (" + exit.now() + ")");
        }
    }

    @Override
    public int mappedPort(int containerPort, PortMapping.Protocol protocol) {
        return ports().stream().filter(p -> p.containerPort() == containerPort && p.protocol() == protocol)
                .mapToInt(PortMapping::hostPort).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(containerPort + "/" + protocol + " is not published by container " + id
                        + " (published: " + ports() + ")"));
    }

    @Override
    public List<PortMapping> ports() {
        return network == null ? List.of() : network.ports();
    }

    @Override
    public Map<String, String> ipAddresses() {
        return network == null ? Map.of() : network.addresses();
    }

    @Override
    public OutputStream stdin() {
        return stdio.stdin();
    }

    @Override
    public InputStream stdout() {
        return stdio.stdout();
    }

    @Override
    public InputStream stderr() {
        return stdio.stderr();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Plugins.installed().stopping(this);
        List<Throwable> failures = new ArrayList<>();
        execProcesses.forEach(p -> attempt(failures, p::close));
        attempt(failures, this::stopAndReap);
        if (tuner != null) {
            attempt(failures, tuner::close);
        }
        attempt(failures, () -> {
            if (!stdio.awaitDrained(Duration.ofSeconds(5))) {
                throw new LitException("the output of container " + id + " did not reach end of file");
            }
            stdio.close();
        });
        attempt(failures, () -> {
            if (initReports != null) {
                initReports.close();
            }
            Libc.close(pidfd);
        });
        if (network != null) {
            attempt(failures, network::close);
        }
        attempt(failures, cgroup::remove);
        attempt(failures, directory::delete);
        attempt(failures, releaseIds::run);
        attempt(failures, () -> onClose.accept(this));
        if (!failures.isEmpty()) {
            LitException e = new LitException("closing container " + id + " left work undone: " + failures.getFirst().getMessage());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private void stopAndReap() throws Exception {
        if (paused && !exit.isDone()) {
            CgroupFreezer.thaw(cgroup); // SIGKILL waits for a frozen process to thaw
            paused = false;
        }
        if (!exit.isDone()) {
            Libc.pidfdSendSignal(pidfd, Signal.SIGKILL.number());
        }
        exit.awaitQuietly(Duration.ofSeconds(10));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(List<Throwable> failures, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        } catch (Exception e) {
            failures.add(e);
        }
    }

    @Override
    public String toString() {
        return "LinuxContainer[" + id + ", pid " + pid + (exit.isDone() ? ", ended" : ", running") + "]";
    }
}
