package dev.lit.spi;

import dev.lit.Container;
import dev.lit.ContainerSpec;

/**
 * A platform's container runtime, found by {@link java.util.ServiceLoader}. lit-linux
 * provides the one for Linux.
 */
public interface ContainerRuntime {

    /** A short name for messages, such as "linux". */
    String name();

    /** Whether this runtime can run here, and if not, why. Cheap; may be called often. */
    Availability availability();

    /** Starts a container; returns once its command has been executed. */
    Container start(ContainerSpec spec);

    /** Events of every container this runtime starts, live (see {@link dev.lit.Lit#events()}). */
    default java.util.concurrent.Flow.Publisher<dev.lit.ContainerEvent> events() {
        throw new UnsupportedOperationException(name() + " does not publish events");
    }

    /** Removes what containers of dead processes left behind; returns how many containers it cleaned. */
    int collectGarbage();

    /**
     * Whether a runtime can run on this host.
     *
     * @param available true if it can
     * @param reason    why not, or a one-line description of the host when it can
     */
    record Availability(boolean available, String reason) {
        public static Availability yes(String description) {
            return new Availability(true, description);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
