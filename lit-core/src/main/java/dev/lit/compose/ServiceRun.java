package dev.lit.compose;

import dev.lit.Container;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One service while its application comes up and runs: its container once started, and
 * the milestones its dependents wait for. A milestone that can no longer be reached
 * (the service failed, or the start was abandoned) completes exceptionally, so no waiter
 * hangs.
 */
final class ServiceRun {
    final ServiceSpec service;
    final ServiceOutput output;
    final CompletableFuture<Container> started = new CompletableFuture<>();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final CompletableFuture<Void> completed = new CompletableFuture<>();
    /** The line the log readiness check waits for; watched from before the start, so no line slips by. */
    final @Nullable CompletableFuture<String> logLine;
    private volatile @Nullable Container container;

    ServiceRun(ServiceSpec service, ApplicationListener listener) {
        this.service = service;
        this.output = new ServiceOutput(service.name(), listener);
        this.logLine = service.readiness() != null && service.readiness().check() instanceof ReadinessCheck.LogLine log
                ? output.watch(log.pattern()) : null;
    }

    String name() {
        return service.name();
    }

    @Nullable Container container() {
        return container;
    }

    /** Holds the started container, so that a stop finds it whatever happens next. */
    void attach(Container c) {
        container = c;
    }

    /** The milestone a dependent with {@code condition} waits for. */
    CompletableFuture<?> milestone(Dependency.Condition condition) {
        return switch (condition) {
            case STARTED -> started;
            case READY -> ready;
            case COMPLETED -> completed;
        };
    }

    /**
     * Marks the milestones of the start not reached as never to be reached; completion is
     * left to the container's end when it started, unless {@code all}.
     */
    void abandon(Throwable why, boolean all) {
        started.completeExceptionally(why);
        ready.completeExceptionally(why);
        if (all || container == null) {
            completed.completeExceptionally(why);
        }
    }
}
