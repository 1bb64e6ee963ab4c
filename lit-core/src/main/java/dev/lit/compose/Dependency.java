package dev.lit.compose;

import java.util.Objects;

/**
 * One service waiting for another before it starts.
 *
 * @param service   the service waited for
 * @param condition what it waits for
 */
public record Dependency(String service, Condition condition) {

    /** What a dependent waits for. */
    public enum Condition {
        /** The dependency's command runs. */
        STARTED,
        /** The dependency passed its readiness check; a service without one is ready once started. */
        READY,
        /** The dependency ran to its end with exit code 0 (a migration or set-up job). */
        COMPLETED
    }

    /** Checks that both parts are there. */
    public Dependency {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(condition, "condition");
    }

    /**
     * Waits for a service to be ready: the default.
     *
     * @param service the service waited for
     * @return the dependency
     */
    public static Dependency on(String service) {
        return new Dependency(service, Condition.READY);
    }

    /**
     * Waits only for a service to have started.
     *
     * @param service the service waited for
     * @return the dependency
     */
    public static Dependency started(String service) {
        return new Dependency(service, Condition.STARTED);
    }

    /**
     * Waits for a service to have ended with exit code 0.
     *
     * @param service the service waited for
     * @return the dependency
     */
    public static Dependency completed(String service) {
        return new Dependency(service, Condition.COMPLETED);
    }
}
