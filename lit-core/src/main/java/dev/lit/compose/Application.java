package dev.lit.compose;

import dev.lit.InvalidSpecException;
import dev.lit.NetworkAttachment;
import dev.lit.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An application of several services, checked as a whole: names unique, every dependency
 * and network known, no dependency cycle, no alias claimed by two services on one network.
 *
 * <pre>{@code
 * Application app = Application.builder("shop")
 *         .service(ServiceSpec.builder("db").container(dbSpec).readyWhen(ReadinessCheck.port(5432)))
 *         .service(ServiceSpec.builder("web").container(webSpec).dependsOn("db"))
 *         .build();
 * try (RunningApplication running = Lit.up(app)) { ... }
 * }</pre>
 *
 * @param name     the application's name; its containers are named {@code NAME-SERVICE} and its
 *                 networks {@code NAME_NETWORK} on the host, so two applications never share one
 * @param services the services in dependency order: each after all it depends on, otherwise as declared
 * @param networks the networks the services join, named as in the application; {@value #DEFAULT_NETWORK}
 *                 (with defaults) is added when a service joins it undeclared
 */
public record Application(String name, List<ServiceSpec> services, List<NetworkSpec> networks) {
    /** The network services join when they name none, as in Docker Compose. */
    public static final String DEFAULT_NETWORK = "default";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,39}");

    /** Checks the application as a whole and orders its services; every failure is an {@link InvalidSpecException}. */
    public Application {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSpecException("name", "'" + name + "' is not a valid application name: use letters, digits, '_', '.' "
                    + "and '-', starting with a letter or digit, at most 40 characters");
        }
        services = List.copyOf(DependencyGraph.order(services));
        networks = List.copyOf(networks);
        if (services.isEmpty()) {
            throw new InvalidSpecException("services", "an application needs at least one service");
        }
        checkNetworks(services, networks);
        for (NetworkSpec n : networks) {
            try {
                hostNetwork(name, n);
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException("networks." + n.name(), "network '" + n.name() + "' of application '" + name + "': " + e.reason());
            }
        }
    }

    private static void checkNetworks(List<ServiceSpec> services, List<NetworkSpec> specs) {
        List<String> networks = new ArrayList<>();
        for (NetworkSpec n : specs) {
            if (networks.contains(n.name())) {
                throw new InvalidSpecException("networks", "network '" + n.name() + "' is declared twice");
            }
            networks.add(n.name());
        }
        Map<String, Map<String, String>> claimed = new HashMap<>();
        for (ServiceSpec s : services) {
            for (NetworkAttachment n : s.networks()) {
                if (!networks.contains(n.network())) {
                    throw new InvalidSpecException("services." + s.name() + ".networks." + n.network(),
                            "network '" + n.network() + "' is not declared by the application (networks: " + String.join(", ", networks) + ")");
                }
                Map<String, String> names = claimed.computeIfAbsent(n.network(), k -> new HashMap<>());
                List<String> all = new ArrayList<>(n.aliases());
                all.addFirst(s.name());
                for (String alias : new LinkedHashSet<>(all)) {
                    String owner = names.putIfAbsent(alias, s.name());
                    if (owner != null && !owner.equals(s.name())) {
                        throw new InvalidSpecException("services." + s.name() + ".networks." + n.network(),
                                "'" + alias + "' on network '" + n.network() + "' already names service '" + owner + "'");
                    }
                }
            }
        }
    }

    /**
     * The service called {@code name}.
     *
     * @param name a service's name
     * @return its spec
     * @throws IllegalArgumentException if there is no such service
     */
    public ServiceSpec service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service '" + name + "' in application '" + this.name + "'"));
    }

    /**
     * The host-wide name of one of this application's networks.
     *
     * @param network the network's name in the application
     * @return its name on the host, {@code APPLICATION_NETWORK}
     */
    public String networkName(String network) {
        return hostNetwork(name, NetworkSpec.defaults(network)).name();
    }

    /**
     * One of this application's networks as the host knows it.
     *
     * @param network the network as the application declares it
     * @return the same settings under the name {@link #networkName} gives
     */
    public NetworkSpec hostNetwork(NetworkSpec network) {
        return hostNetwork(name, network);
    }

    private static NetworkSpec hostNetwork(String application, NetworkSpec network) {
        return new NetworkSpec(application + "_" + network.name(), network.subnet(), network.gateway(), network.mtu(), network.internal());
    }

    /**
     * The name of the container that runs a service.
     *
     * @param service the service's name
     * @return {@code APPLICATION-SERVICE}
     */
    public String containerName(String service) {
        return name + "-" + service;
    }

    /**
     * A builder for an application.
     *
     * @param name the application's name
     * @return an empty builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link Application}; {@link #build()} checks it as a whole. */
    public static final class Builder {
        private final String name;
        private final List<ServiceSpec> services = new ArrayList<>();
        private final List<NetworkSpec> networks = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a service.
         *
         * @param value the service
         * @return this builder
         */
        public Builder service(ServiceSpec value) {
            services.add(value);
            return this;
        }

        /**
         * Adds the service a builder builds.
         *
         * @param value the service's builder
         * @return this builder
         */
        public Builder service(ServiceSpec.Builder value) {
            return service(value.build());
        }

        /**
         * Declares a network with defaults that services may join; created when the application
         * comes up, removed when it goes down.
         *
         * @param value the network's name in the application
         * @return this builder
         */
        public Builder network(String value) {
            return network(NetworkSpec.defaults(value));
        }

        /**
         * Declares a network with its settings (subnet, MTU, internal).
         *
         * @param value the network; its name is the one services use
         * @return this builder
         */
        public Builder network(NetworkSpec value) {
            networks.add(value);
            return this;
        }

        /**
         * Builds the application, adding the {@value Application#DEFAULT_NETWORK} network when a service joins it undeclared.
         *
         * @return the application, checked
         * @throws InvalidSpecException naming what is wrong
         */
        public Application build() {
            List<NetworkSpec> all = new ArrayList<>(networks);
            boolean usesDefault = services.stream().anyMatch(s -> s.networks().stream().anyMatch(n -> n.network().equals(DEFAULT_NETWORK)));
            if (usesDefault && all.stream().noneMatch(n -> n.name().equals(DEFAULT_NETWORK))) {
                all.add(NetworkSpec.defaults(DEFAULT_NETWORK));
            }
            return new Application(name, services, all);
        }
    }
}
