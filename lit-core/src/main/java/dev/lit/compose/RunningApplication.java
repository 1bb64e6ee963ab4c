package dev.lit.compose;

import dev.lit.Container;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.Network;
import dev.lit.spi.ContainerRuntime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An application that is up: every service started and ready. {@link #close()} (or
 * {@link #down()}) stops the services in reverse dependency order and removes their
 * containers and the application's networks.
 */
public final class RunningApplication implements AutoCloseable {
    private final Application application;
    private final Map<String, ServiceRun> runs = new LinkedHashMap<>();
    private final List<Network> networks;
    private final ApplicationListener listener;
    private boolean down;

    RunningApplication(Application application, Collection<ServiceRun> runs, List<Network> networks, ApplicationListener listener) {
        this.application = application;
        for (ServiceRun run : runs) {
            this.runs.put(run.name(), run);
        }
        this.networks = List.copyOf(networks);
        this.listener = listener;
    }

    /**
     * Brings {@code application} up on {@code runtime}; {@link Lit#up(Application, ApplicationListener)}
     * does so on this host's runtime. Returns once every service is ready.
     *
     * @param runtime     the runtime that starts the containers and networks
     * @param application the application
     * @param listener    told what the services write and what happens to them
     * @return the application, up
     * @throws ServiceStartException when a service fails; what had started is removed first
     * @throws InterruptedException  when this thread is interrupted meanwhile; what had started is removed first
     */
    public static RunningApplication start(ContainerRuntime runtime, Application application, ApplicationListener listener)
            throws InterruptedException {
        return new Orchestrator(Objects.requireNonNull(runtime), Objects.requireNonNull(application), Objects.requireNonNull(listener)).up();
    }

    /**
     * The application brought up.
     *
     * @return its spec
     */
    public Application application() {
        return application;
    }

    /**
     * The container of a service.
     *
     * @param service the service's name
     * @return its container handle
     * @throws IllegalArgumentException if the application has no such service
     */
    public Container container(String service) {
        ServiceRun run = runs.get(service);
        if (run == null) {
            throw new IllegalArgumentException("no service '" + service + "' in application '" + application.name()
                    + "' (services: " + String.join(", ", runs.keySet()) + ")");
        }
        return Objects.requireNonNull(run.container());
    }

    /**
     * Every service's container.
     *
     * @return the containers by service name, in dependency order
     */
    public Map<String, Container> containers() {
        Map<String, Container> all = new LinkedHashMap<>();
        runs.forEach((name, run) -> all.put(name, Objects.requireNonNull(run.container())));
        return all;
    }

    /**
     * The end of every service.
     *
     * @return completes, with each service's exit status by name, once every service has ended by itself or been stopped
     */
    public CompletableFuture<Map<String, ExitStatus>> onExit() {
        Map<String, CompletableFuture<ExitStatus>> exits = new LinkedHashMap<>();
        runs.forEach((name, run) -> exits.put(name, Objects.requireNonNull(run.container()).onExit()));
        return CompletableFuture.allOf(exits.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, ExitStatus> statuses = new LinkedHashMap<>();
            exits.forEach((name, exit) -> statuses.put(name, exit.join()));
            return statuses;
        });
    }

    /**
     * Stops every service, dependents first, each with SIGTERM and then SIGKILL after its
     * stop timeout, and removes their containers and the application's networks. Idempotent.
     *
     * @throws LitException naming what could not be removed, after trying everything
     */
    public synchronized void down() {
        if (down) {
            return;
        }
        down = true;
        List<String> problems = Shutdown.stop(runs.values(), networks, listener);
        if (!problems.isEmpty()) {
            throw new LitException("application '" + application.name() + "' is down, but not all was removed: " + String.join("; ", problems));
        }
    }

    /** The same as {@link #down()}. */
    @Override
    public void close() {
        down();
    }
}
