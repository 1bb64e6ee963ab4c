package dev.lit.linux.net;

import dev.lit.LitException;
import dev.lit.PortMapping;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Published ports as kernel DNAT: one nftables table per container
 * ({@code ip lit_<state prefix>p<container id>}) rewriting the destination of packets to the
 * host port (from other hosts: prerouting; from this host, loopback included: output) to the
 * container's address, and masquerading loopback sources so the container can answer.
 * Loopback traffic may only be routed to the bridge with its {@code route_localnet} on (set on
 * Lit's own bridge only). The host port itself is held by a bound, never-listening socket per
 * mapping: a taken port fails the start with the port named, no other program can take it
 * while the container runs, and the random host port of {@code 0:8080} comes from the kernel.
 */
final class KernelPorts implements AutoCloseable {
    /** After the state root's table prefix: no network's table name can start with '_'. */
    static final String PORT_MARK = "_p";
    private final List<NetworkChannel> reservations = new ArrayList<>();
    private final List<PortMapping> bound = new ArrayList<>();
    private final String table;
    private boolean installed;

    private KernelPorts(String table) {
        this.table = table;
    }

    /** Whether kernel DNAT can be used here: nft present (root is checked by the caller). */
    static boolean available() {
        return Files.isExecutable(Path.of(Nat.NFT)) && !"proxy".equals(System.getProperty("lit.ports"));
    }

    static String table(String bridgePrefix, String containerId) {
        return Nat.table(bridgePrefix) + PORT_MARK + containerId;
    }

    /** Reserves every host port of {@code mappings}; fails naming the first taken one, holding none. */
    static KernelPorts reserve(List<PortMapping> mappings, String bridgePrefix, String containerId) {
        KernelPorts ports = new KernelPorts(table(bridgePrefix, containerId));
        try {
            for (PortMapping m : mappings) {
                ports.reserve(m);
            }
            return ports;
        } catch (RuntimeException e) {
            ports.close();
            throw e;
        }
    }

    private void reserve(PortMapping m) {
        InetSocketAddress address = new InetSocketAddress(m.hostIp(), m.hostPort());
        NetworkChannel channel = null;
        try {
            channel = m.protocol() == PortMapping.Protocol.TCP ? SocketChannel.open() : DatagramChannel.open();
            channel.bind(address);
            reservations.add(channel);
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            bound.add(new PortMapping(m.hostIp(), port, m.containerPort(), m.protocol()));
        } catch (BindException e) {
            closeQuietly(channel);
            throw new LitException("cannot publish " + m.containerPort() + "/" + m.protocol() + ": host port "
                    + m.hostIp() + ":" + m.hostPort() + "/" + m.protocol() + " is already in use (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new LitException("cannot publish " + m + ": " + e.getMessage(), e);
        }
    }

    List<PortMapping> bound() {
        return List.copyOf(bound);
    }

    /** Installs the DNAT rules towards {@code containerAddress} behind {@code bridge}. */
    void install(String containerAddress, String bridge, Subnet subnet) {
        if (bound.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet"), "1");
        } catch (IOException e) {
            throw new LitException("cannot enable route_localnet on " + bridge + " for published ports: " + e.getMessage(), e);
        }
        StringBuilder rules = new StringBuilder();
        StringBuilder dnat = new StringBuilder();
        for (PortMapping p : bound) {
            String match = p.hostIp().equals(PortMapping.ANY) ? "fib daddr type local " : "ip daddr " + p.hostIp() + " ";
            dnat.append("    ").append(match).append(p.protocol()).append(" dport ").append(p.hostPort())
                    .append(" dnat to ").append(containerAddress).append(':').append(p.containerPort()).append('\n');
        }
        rules.append("table ip ").append(table).append(" {\n");
        rules.append("  chain prerouting {\n    type nat hook prerouting priority -100; policy accept;\n").append(dnat).append("  }\n");
        rules.append("  chain output {\n    type nat hook output priority -100; policy accept;\n").append(dnat).append("  }\n");
        rules.append("  chain postrouting {\n    type nat hook postrouting priority 100; policy accept;\n");
        rules.append("    ip saddr 127.0.0.0/8 ip daddr ").append(containerAddress).append(" masquerade\n");
        // hairpin: a neighbour on the same bridge reaching this container through a host port must get the answer back through the host
        rules.append("    ip saddr ").append(subnet).append(" ip daddr ").append(containerAddress).append(" ct status dnat masquerade\n  }\n}\n");
        String error = Nat.apply(rules.toString());
        if (error != null) {
            throw new LitException("nft refused the published ports' rules (" + error.strip() + ")");
        }
        installed = true;
    }

    @Override
    public void close() {
        if (installed) {
            Nat.deleteTable(table);
            installed = false;
        }
        reservations.forEach(KernelPorts::closeQuietly);
        reservations.clear();
    }

    /** The container id of a port table of this state root, or null for another table. */
    static @Nullable String containerOf(String table, String bridgePrefix) {
        String prefix = Nat.table(bridgePrefix) + PORT_MARK;
        return table.startsWith(prefix) ? table.substring(prefix.length()) : null;
    }

    private static void closeQuietly(@Nullable NetworkChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
