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

        /** This mode with {@code port} published too. */
        public Bridge withPort(PortMapping port) {
            List<PortMapping> all = new ArrayList<>(ports);
            all.add(port);
            return new Bridge(networks, all);
        }

        /** This mode joining {@code attachment} too (replacing the default network if that is all it had). */
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

    static NetworkMode none() {
        return new None();
    }

    static NetworkMode host() {
        return new Host();
    }

    /** The default bridge network {@value #DEFAULT_NETWORK}, no published ports. */
    static Bridge bridge() {
        return bridge(DEFAULT_NETWORK);
    }

    /** These named bridge networks (the first gives the default route), no published ports. */
    static Bridge bridge(String... networks) {
        return new Bridge(java.util.Arrays.stream(networks).map(NetworkAttachment::of).toList(), List.of());
    }
}
