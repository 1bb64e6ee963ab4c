package dev.lit.spi;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ContainerSummary;
import dev.lit.DetachOptions;
import dev.lit.DetachedContainer;
import dev.lit.UnsupportedFeatureException;
import dev.lit.Volumes;
import java.util.List;
import java.util.Optional;

/**
 * A platform's container runtime, found by {@link java.util.ServiceLoader}. lit-linux
 * provides the one for Linux.
 */
public interface ContainerRuntime {

    /**
     * A short name for messages, such as "linux".
     *
     * @return the name
     */
    String name();

    /**
     * Whether this runtime can run here, and if not, why. Cheap; may be called often.
     *
     * @return whether it can run, with the reason
     */
    Availability availability();

    /**
     * Starts a container; returns once its command has been executed.
     *
     * @param spec the validated spec; image defaults and plugins apply next
     * @return the running container
     * @throws dev.lit.LitException if it cannot start; nothing it created is left behind
     */
    Container start(ContainerSpec spec);

    /**
     * Starts a container supervised by Lit's monitor instead of this JVM; returns once its command runs.
     *
     * @param spec    the container
     * @param options its restart policy, log rotation and removal at the end
     * @return a handle
     */
    default DetachedContainer startDetached(ContainerSpec spec, DetachOptions options) {
        throw new UnsupportedFeatureException("detach", name() + " cannot run detached containers");
    }

    /**
     * Prepares a detached container (state, writable layer, cgroups, plan) without starting it:
     * {@link DetachedContainer#start()} starts it later, from any JVM.
     *
     * @param spec    the container
     * @param options its restart policy, log rotation and removal at the end
     * @return a handle on the container, in state created
     */
    default DetachedContainer createDetached(ContainerSpec spec, DetachOptions options) {
        throw new UnsupportedFeatureException("create", name() + " cannot create detached containers");
    }

    /**
     * The containers of this host's state directory, attached or detached.
     *
     * @return their summaries, oldest first
     */
    default List<ContainerSummary> list() {
        return List.of();
    }

    /**
     * A handle on the detached container with this id, id prefix or name.
     *
     * @param idOrName an id, a unique id prefix or a name
     * @return a handle, or empty if none matches
     */
    default Optional<DetachedContainer> find(String idOrName) {
        return Optional.empty();
    }

    /**
     * The named volumes.
     *
     * @return this host's volumes
     */
    default Volumes volumes() {
        throw new UnsupportedFeatureException("volumes", name() + " has no named volumes");
    }

    /**
     * Events of every container this runtime starts, live (see {@link dev.lit.Lit#events()}).
     *
     * @return a publisher of the events
     */
    default java.util.concurrent.Flow.Publisher<dev.lit.ContainerEvent> events() {
        throw new UnsupportedOperationException(name() + " does not publish events");
    }

    /**
     * Declares a bridge network (see {@link dev.lit.Network}).
     *
     * @throws dev.lit.UnsupportedFeatureException if this runtime has no bridge networks
     * @param spec the network's spec
     * @return the network's handle; close it to remove the network
     */
    default dev.lit.Network createNetwork(dev.lit.NetworkSpec spec) {
        throw new dev.lit.UnsupportedFeatureException("bridge networks", name() + " has none");
    }

    /**
     * Removes what containers of dead processes left behind; returns how many containers it cleaned.
     *
     * @return the number of containers cleaned
     */
    int collectGarbage();

    /**
     * Whether a runtime can run on this host.
     *
     * @param available true if it can
     * @param reason    why not, or a one-line description of the host when it can
     */
    record Availability(boolean available, String reason) {
        /**
         * The runtime can run here.
         *
         * @param description a one-line description of the host
         * @return the availability
         */
        public static Availability yes(String description) {
            return new Availability(true, description);
        }

        /**
         * The runtime cannot run here.
         *
         * @param reason why not
         * @return the availability
         */
        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
