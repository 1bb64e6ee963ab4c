package dev.lit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which network a container sees. */
public sealed interface NetworkMode {

    /** The network a bridge container joins when it names none, as Docker's {@code bridge}. */
    String DEFAULT_NETWORK = "lit";

    /** A network namespace of its own with only the loopback interface, up. */
    record None() implements NetworkMode {
        @Override
        public String toString() {
            return "none";
        }
    }

    /** The host's network namespace: no isolation of interfaces or ports. */
    record Host() implements NetworkMode {
        @Override
        public String toString() {
            return "host";
        }
    }

    /**
     * A network namespace of its own with one interface per joined bridge network, an
     * address from each network's subnet, a default route through the first network's
     * gateway, and {@code ports} published on the host.
     *
     * @param networks the networks joined, at least one, each once; the first gives the default route
     * @param ports    container ports published on the host
     */
    record Bridge(List<NetworkAttachment> networks, List<PortMapping> ports) implements NetworkMode {
        /**
         * Copies the lists and checks that each network is joined once.
         *
         * @throws InvalidSpecException if there is no network, or one is joined twice
         */
        public Bridge {
            networks = List.copyOf(networks);
            ports = List.copyOf(ports);
            if (networks.isEmpty()) {
                throw new InvalidSpecException("network.networks", "a bridge container joins at least one network");
            }
            Set<String> seen = new HashSet<>();
            for (NetworkAttachment n : networks) {
                if (!seen.add(n.network())) {
                    throw new InvalidSpecException("network.networks", "network '" + n.network() + "' is joined twice");
                }
            }
            Set<String> published = new HashSet<>();
            for (PortMapping p : ports) {
                if (p.hostPort() != 0 && !published.add(p.hostIp() + ":" + p.hostPort() + "/" + p.protocol())) {
                    throw new InvalidSpecException("network.expose", "host port " + p.hostPort() + "/" + p.protocol() + " is published twice");
                }
            }
        }

        /**
         * This mode with {@code port} published too.
         *
         * @param port the mapping
         * @return the new mode
         */
        public Bridge withPort(PortMapping port) {
            List<PortMapping> all = new ArrayList<>(ports);
            all.add(port);
            return new Bridge(networks, all);
        }

        /**
         * This mode joining {@code attachment} too (replacing the default network if that is all it had).
         *
         * @param attachment the network to join
         * @param replaceDefault true to drop the default network when it is the only one joined so far
         * @return the new mode
         */
        public Bridge withNetwork(NetworkAttachment attachment, boolean replaceDefault) {
            List<NetworkAttachment> all = new ArrayList<>(replaceDefault ? List.of() : networks);
            all.removeIf(n -> n.network().equals(attachment.network()));
            all.add(attachment);
            return new Bridge(all, ports);
        }

        @Override
        public String toString() {
            return "bridge" + networks.stream().map(NetworkAttachment::network).toList() + (ports.isEmpty() ? "" : " " + ports);
        }
    }

    /**
     * A network namespace with only loopback, the default.
     *
     * @return the mode
     */
    static NetworkMode none() {
        return new None();
    }

    /**
     * The host's network namespace, shared.
     *
     * @return the mode
     */
    static NetworkMode host() {
        return new Host();
    }

    /**
     * The default bridge network {@value #DEFAULT_NETWORK}, no published ports.
     *
     * @return the mode
     */
    static Bridge bridge() {
        return bridge(DEFAULT_NETWORK);
    }

    /**
     * These named bridge networks (the first gives the default route), no published ports.
     *
     * @param networks the networks' names
     * @return the mode
     */
    static Bridge bridge(String... networks) {
        return new Bridge(java.util.Arrays.stream(networks).map(NetworkAttachment::of).toList(), List.of());
    }
}
