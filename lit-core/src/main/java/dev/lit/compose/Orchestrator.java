package dev.lit.compose;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.LitException;
import dev.lit.Network;
import dev.lit.NetworkAttachment;
import dev.lit.NetworkMode;
import dev.lit.NetworkSpec;
import dev.lit.UnsupportedFeatureException;
import dev.lit.compose.ApplicationListener.ServiceEvent;
import dev.lit.compose.ApplicationListener.State;
import dev.lit.spi.ContainerRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Brings an application up: its networks first, then one virtual thread per service that
 * waits for the milestones of its dependencies, starts the container and runs its readiness
 * check. Independent services so start at the same time. The first failure abandons the
 * start: the other threads stop waiting, and everything started is stopped again,
 * dependents first, before the failure is thrown.
 */
final class Orchestrator {
    private final ContainerRuntime runtime;
    private final Application app;
    private final ApplicationListener listener;
    private final Map<String, ServiceRun> runs = new LinkedHashMap<>();
    private final AtomicReference<ServiceStartException> failure = new AtomicReference<>();
    /** Completes at the first failure, to wake the readiness checks still waiting. */
    private final CompletableFuture<Void> abandoned = new CompletableFuture<>();

    Orchestrator(ContainerRuntime runtime, Application app, ApplicationListener listener) {
        this.runtime = runtime;
        this.app = app;
        this.listener = listener;
        for (ServiceSpec s : app.services()) {
            runs.put(s.name(), new ServiceRun(s, listener));
        }
    }

    RunningApplication up() throws InterruptedException {
        List<Network> networks = createNetworks();
        boolean interrupted = false;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ServiceRun run : runs.values()) {
                threads.submit(() -> bringUp(run));
            }
            threads.shutdown();
            // close() waits for every thread; when this thread is interrupted, it interrupts them and still waits.
        }
        if (Thread.interrupted()) {
            interrupted = true;
        }
        ServiceStartException failed = failure.get();
        if (failed != null || interrupted) {
            List<String> problems = Shutdown.stop(runs.values(), networks, listener);
            if (interrupted) {
                throw new InterruptedException("interrupted while application '" + app.name() + "' was coming up; what had started was stopped");
            }
            for (String problem : problems) {
                failed.addSuppressed(new LitException("while removing what had started: " + problem));
            }
            throw failed;
        }
        return new RunningApplication(app, runs.values(), networks, listener);
    }

    private List<Network> createNetworks() {
        List<Network> created = new ArrayList<>();
        for (NetworkSpec n : app.networks()) {
            try {
                created.add(runtime.createNetwork(app.hostNetwork(n)));
            } catch (RuntimeException e) {
                Shutdown.closeNetworks(created);
                throw new LitException("application '" + app.name() + "': cannot create network '" + n.name() + "': " + e.getMessage(), e);
            }
        }
        return created;
    }

    private void bringUp(ServiceRun run) {
        try {
            for (Dependency d : run.service.dependsOn()) {
                awaitDependency(d);
            }
            if (failure.get() != null) {
                return;
            }
            start(run);
            ReadinessProbe.await(run, java.util.Objects.requireNonNull(run.container()), abandoned);
            // The event comes first so that listeners see READY before any dependent's STARTING.
            event(run, State.READY, "");
            run.ready.complete(null);
        } catch (ServiceFailure e) {
            fail(run, e.getMessage(), e.getCause());
        } catch (InterruptedException | DependencyLost e) {
            // the start was abandoned because of another service's failure, which is reported
        } catch (RuntimeException e) {
            fail(run, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            run.abandon(new CancellationException("service '" + run.name() + "' will not get there"), false);
        }
    }

    private void awaitDependency(Dependency d) throws InterruptedException {
        ServiceRun dependency = runs.get(d.service());
        try {
            dependency.milestone(d.condition()).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServiceFailure f) {
                // Only a COMPLETED milestone fails this way: the dependency ran, but did not succeed.
                fail(dependency, f.getMessage(), null);
            }
            throw new DependencyLost();
        }
    }

    private void start(ServiceRun run) {
        ContainerSpec spec = containerSpec(run);
        event(run, State.STARTING, "");
        Container container;
        try {
            container = runtime.start(spec);
        } catch (RuntimeException e) {
            throw new ServiceFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        run.attach(container);
        event(run, State.STARTED, container.id());
        run.started.complete(container);
        container.onExit().whenComplete((status, error) -> {
            if (status != null && status.success()) {
                run.completed.complete(null);
            } else {
                run.completed.completeExceptionally(new ServiceFailure("it " + (status == null ? "ended" : status.toString()) + run.output.tail(), null));
            }
        });
    }

    /** The service's container spec as the runtime gets it: the application's names, streams and networks. */
    private ContainerSpec containerSpec(ServiceRun run) {
        ServiceSpec s = run.service;
        ContainerSpec c = s.container();
        ContainerSpec.Builder builder = c.toBuilder()
                .name(app.containerName(s.name()))
                .hostname(c.hostname() != null ? c.hostname() : s.name())
                .stdio(run.output.stdio(c.stdio()));
        if (!s.networks().isEmpty()) {
            List<NetworkAttachment> attachments = new ArrayList<>();
            for (NetworkAttachment n : s.networks()) {
                List<String> aliases = new ArrayList<>(n.aliases());
                if (!aliases.contains(s.name())) {
                    aliases.addFirst(s.name());
                }
                attachments.add(new NetworkAttachment(app.networkName(n.network()), aliases));
            }
            builder.network(new NetworkMode.Bridge(attachments, s.ports()));
        }
        return builder.build();
    }

    private void fail(ServiceRun run, String message, Throwable cause) {
        ServiceStartException e = new ServiceStartException(run.name(), message, cause);
        if (failure.compareAndSet(null, e)) {
            event(run, State.FAILED, message);
            abandoned.complete(null);
            // Wake every waiter: no milestone will be reached now.
            for (ServiceRun r : runs.values()) {
                r.abandon(new CancellationException("application start abandoned: " + e.getMessage()), true);
            }
        }
    }

    private void event(ServiceRun run, State state, String detail) {
        listener.event(new ServiceEvent(run.name(), state, detail));
    }

    /** A service failed: its message says how, without the service's name. */
    static final class ServiceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceFailure(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** A dependency will never reach the milestone waited for. */
    private static final class DependencyLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DependencyLost() {
            super(null, null, false, false);
        }
    }
}
