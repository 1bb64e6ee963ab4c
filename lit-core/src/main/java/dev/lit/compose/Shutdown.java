package dev.lit.compose;

import dev.lit.Container;
import dev.lit.ExitStatus;
import dev.lit.Network;
import dev.lit.Signal;
import dev.lit.compose.ApplicationListener.ServiceEvent;
import dev.lit.compose.ApplicationListener.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stops services in reverse dependency order: a service stops once every service that
 * depends on it has stopped, services that do not depend on each other at the same time.
 * Each gets SIGTERM and its stop timeout, then its container is closed (SIGKILL for what
 * still runs, and everything Lit made removed). The networks go last.
 */
final class Shutdown {
    private Shutdown() {
    }

    /** Stops them all, however long it takes; returns what could not be removed, one message each. */
    static List<String> stop(Collection<ServiceRun> runs, List<Network> networks, ApplicationListener listener) {
        Map<String, CompletableFuture<Void>> stopped = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (ServiceRun run : runs) {
            stopped.put(run.name(), new CompletableFuture<>());
            for (Dependency d : run.service.dependsOn()) {
                dependents.computeIfAbsent(d.service(), k -> new ArrayList<>()).add(run.name());
            }
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ServiceRun run : runs) {
                threads.submit(() -> {
                    try {
                        for (String dependent : dependents.getOrDefault(run.name(), List.of())) {
                            stopped.get(dependent).join();
                        }
                        stopOne(run, listener, problems);
                    } finally {
                        stopped.get(run.name()).complete(null);
                    }
                });
            }
        }
        problems.addAll(closeNetworks(networks));
        return List.copyOf(problems);
    }

    private static void stopOne(ServiceRun run, ApplicationListener listener, Collection<String> problems) {
        Container container = run.container();
        if (container == null) {
            return;
        }
        listener.event(new ServiceEvent(run.name(), State.STOPPING, container.id()));
        Optional<ExitStatus> status = Optional.empty();
        boolean interrupted = false;
        try {
            if (container.isAlive()) {
                container.kill(Signal.SIGTERM);
                status = container.waitFor(run.service.stopTimeout());
            } else {
                status = Optional.of(container.onExit().join());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (RuntimeException e) {
            // The container may have ended between the check and the signal: close() settles it.
        }
        try {
            container.close();
        } catch (RuntimeException e) {
            problems.add("service '" + run.name() + "': " + e.getMessage());
        }
        if (status.isEmpty() && container.onExit().isDone()) {
            status = Optional.of(container.onExit().join());
        }
        listener.event(new ServiceEvent(run.name(), State.STOPPED, status.map(ExitStatus::toString).orElse("")));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes each network, in reverse; returns what failed. */
    static List<String> closeNetworks(List<Network> networks) {
        List<String> problems = new ArrayList<>();
        for (Network n : networks.reversed()) {
            try {
                n.close();
            } catch (RuntimeException e) {
                problems.add("network '" + n.name() + "': " + e.getMessage());
            }
        }
        return problems;
    }
}
