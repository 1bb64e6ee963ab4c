package dev.lit.compose;

import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import dev.lit.NetworkAttachment;
import dev.lit.NetworkMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One service of an {@link Application}: a container and how it fits with the others.
 *
 * @param name        the service's name, also its host name on its networks
 * @param container   the container it runs; its standard streams belong to the application
 *                    (stdin is empty, output goes to the application's listener), it is named
 *                    {@code APPLICATION-SERVICE}, its host name defaults to the service's name, and
 *                    of a bridge network mode only the published ports count: the networks are the service's
 * @param dependsOn   services to wait for before this one starts
 * @param networks    the application's networks it joins, by their names in the application,
 *                    with extra aliases; empty for none (a container on the host's network
 *                    or with loopback only)
 * @param readiness   how to tell it is ready; null: ready once started
 * @param stopTimeout how long {@link RunningApplication#close()} waits after SIGTERM before SIGKILL
 */
public record ServiceSpec(
        String name,
        ContainerSpec container,
        List<Dependency> dependsOn,
        List<NetworkAttachment> networks,
        @Nullable Readiness readiness,
        Duration stopTimeout) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?");
    /** As Docker's {@code stop --time}. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Checks the service on its own (the application checks how services fit together). */
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(container, "container");
        dependsOn = List.copyOf(dependsOn);
        networks = List.copyOf(networks);
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        requireName(name);
        Set<String> seen = new HashSet<>();
        for (Dependency d : dependsOn) {
            if (!seen.add(d.service())) {
                throw new InvalidSpecException("services." + name + ".depends_on", "'" + d.service() + "' is listed twice");
            }
            if (d.service().equals(name)) {
                throw new InvalidSpecException("services." + name + ".depends_on", "a service cannot depend on itself");
            }
        }
        Set<String> joined = new HashSet<>();
        for (NetworkAttachment n : networks) {
            if (!joined.add(n.network())) {
                throw new InvalidSpecException("services." + name + ".networks", "network '" + n.network() + "' is joined twice");
            }
        }
        if (container.network() instanceof NetworkMode.Host && !networks.isEmpty()) {
            throw new InvalidSpecException("services." + name + ".networks", "a service on the host's network cannot join networks");
        }
        if (readiness != null && readiness.check() instanceof ReadinessCheck.PortOpen && networks.isEmpty()
                && !(container.network() instanceof NetworkMode.Host)) {
            throw new InvalidSpecException("services." + name + ".ready.port",
                    "a port check needs the service on a network or on the host's network; it has loopback only");
        }
        if (stopTimeout.isNegative()) {
            throw new InvalidSpecException("services." + name + ".stop_timeout", "cannot be negative");
        }
    }

    /** A bridge mode that only says "the default network" (with ports, maybe): what publishing a port implies. */
    private static boolean isDefaultOnly(NetworkMode.Bridge bridge) {
        return bridge.networks().size() == 1 && bridge.networks().getFirst().network().equals(NetworkMode.DEFAULT_NETWORK)
                && bridge.networks().getFirst().aliases().isEmpty();
    }

    static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSpecException("services", "'" + name + "' is not a valid service name: use letters, digits, '_' and '-', "
                    + "starting and ending with a letter or digit, at most 63 characters");
        }
    }

    /**
     * The ports this service's container publishes on the host.
     *
     * @return the published ports, as the container spec says
     */
    public List<dev.lit.PortMapping> ports() {
        return container.network() instanceof NetworkMode.Bridge bridge ? bridge.ports() : List.of();
    }

    /**
     * A builder for a service.
     *
     * @param name the service's name
     * @return an empty builder
     * @throws InvalidSpecException if the name is not a valid one
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Builds a {@link ServiceSpec}. A service that names no network and whose container
     * keeps the default network mode joins the application's {@value Application#DEFAULT_NETWORK}
     * network, as in Docker Compose; {@link #noNetwork()} keeps it off every network.
     */
    public static final class Builder {
        private final String name;
        private @Nullable ContainerSpec container;
        private final List<Dependency> dependsOn = new ArrayList<>();
        private final List<NetworkAttachment> networks = new ArrayList<>();
        private boolean noNetwork;
        private @Nullable Readiness readiness;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

        private Builder(String name) {
            requireName(name);
            this.name = name;
        }

        /**
         * Sets the container the service runs.
         *
         * @param value a container spec, or its builder
         * @return this builder
         */
        public Builder container(dev.lit.SpecSource value) {
            container = value.spec();
            return this;
        }

        /**
         * Waits for another service before starting.
         *
         * @param value the service and what to wait for
         * @return this builder
         */
        public Builder dependsOn(Dependency value) {
            dependsOn.add(value);
            return this;
        }

        /**
         * Waits for other services to be ready before starting.
         *
         * @param services their names
         * @return this builder
         */
        public Builder dependsOn(String... services) {
            for (String s : services) {
                dependsOn.add(Dependency.on(s));
            }
            return this;
        }

        /**
         * Joins one of the application's networks.
         *
         * @param network the network's name in the application
         * @param aliases more names under which the others on that network reach this service
         * @return this builder
         */
        public Builder network(String network, String... aliases) {
            networks.add(NetworkAttachment.of(network, aliases));
            return this;
        }

        /**
         * Joins one of the application's networks.
         *
         * @param value the network's name in the application, with aliases
         * @return this builder
         */
        public Builder network(NetworkAttachment value) {
            networks.add(value);
            return this;
        }

        /**
         * Joins no network: loopback only, or the host's network if the container says so.
         *
         * @return this builder
         */
        public Builder noNetwork() {
            noNetwork = true;
            return this;
        }

        /**
         * Sets how to tell that the service is ready.
         *
         * @param value the check and its pacing; null: ready once started
         * @return this builder
         */
        public Builder readiness(@Nullable Readiness value) {
            readiness = value;
            return this;
        }

        /**
         * Ready once a check passes, tried with the default pacing.
         *
         * @param check the check
         * @return this builder
         */
        public Builder readyWhen(ReadinessCheck check) {
            readiness = Readiness.of(check);
            return this;
        }

        /**
         * Sets how long a stop waits after SIGTERM before SIGKILL.
         *
         * @param value the grace period
         * @return this builder
         */
        public Builder stopTimeout(Duration value) {
            stopTimeout = value;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service, checked on its own
         * @throws InvalidSpecException naming what is wrong
         */
        public ServiceSpec build() {
            if (container == null) {
                throw new InvalidSpecException("services." + name, "has no container: give it one with container(...)");
            }
            if (noNetwork && !networks.isEmpty()) {
                throw new InvalidSpecException("services." + name + ".networks", "noNetwork() and networks exclude each other");
            }
            List<NetworkAttachment> joined = networks;
            if (container.network() instanceof NetworkMode.Bridge bridge && !isDefaultOnly(bridge)) {
                // Networks the container spec names are the application's networks of those names.
                if (!joined.isEmpty()) {
                    throw new InvalidSpecException("services." + name + ".networks",
                            "the networks are given twice: by the service and by its container (" + bridge + ")");
                }
                joined = bridge.networks();
            }
            boolean ownNamespace = !(container.network() instanceof NetworkMode.Host);
            if (joined.isEmpty() && !noNetwork && ownNamespace) {
                joined = List.of(NetworkAttachment.of(Application.DEFAULT_NETWORK));
            }
            return new ServiceSpec(name, container, dependsOn, joined, readiness, stopTimeout);
        }
    }
}
