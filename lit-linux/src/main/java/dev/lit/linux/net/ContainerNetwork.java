package dev.lit.linux.net;

import dev.lit.LitException;
import dev.lit.Mount;
import dev.lit.PortMapping;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.NetSyscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One bridge container's networking: its address leases and network files (from
 * {@link BridgeNetworks#prepare}), then its interfaces ({@link #connect}), and the published
 * ports' proxies. {@link #close()} undoes whatever of that exists, in reverse.
 *
 * <p>The container's network namespace is the one its PID 1 is cloned into; the helper waits
 * at the await-jvm gate while the JVM configures it (a veth peer created right inside it
 * through {@code IFLA_NET_NS_FD}, then addressed through a netlink socket opened there). The
 * alternative, a namespace the JVM creates and bind-mounts for the child to join, would
 * outlive a killed JVM as a mount to clean up; this one dies with the container, veth and all.
 */
public final class ContainerNetwork implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;
    private final BridgeNetworks networks;
    private final String id;
    private final String hostname;
    private final Map<NetworkStore.Stored, NetworkStore.Member> joined = new LinkedHashMap<>();
    private final List<PortProxy> proxies = new ArrayList<>();
    private @Nullable KernelPorts kernelPorts;
    private @Nullable List<PortMapping> pastaPorts;
    private @Nullable Path pastaPidFile;
    private final List<String> veths = new ArrayList<>();
    private @Nullable EtcFiles files;
    private boolean closed;

    ContainerNetwork(BridgeNetworks networks, String id, String hostname) {
        this.networks = networks;
        this.id = id;
        this.hostname = hostname;
    }

    String hostname() {
        return hostname;
    }

    void files(EtcFiles value) {
        files = value;
    }

    void joined(NetworkStore.Stored network, NetworkStore.Member member) {
        joined.put(network, member);
    }

    void bind(PortProxy proxy) {
        proxies.add(proxy);
    }

    void bind(KernelPorts ports) {
        kernelPorts = ports;
    }

    /** Rootless: pasta will network the container and forward {@code ports}. */
    void pasta(List<PortMapping> ports, Path pidFile) {
        pastaPorts = List.copyOf(ports);
        pastaPidFile = pidFile;
    }

    /** Bind mounts of the container's hosts, hostname and resolv.conf files over the image's. */
    public List<Mount> mounts() {
        if (files == null) {
            return List.of();
        }
        return List.of(Mount.bind(files.hosts(), "/etc/hosts"), Mount.bind(files.hostname(), "/etc/hostname"),
                Mount.bind(files.resolvConf(), "/etc/resolv.conf"));
    }

    /** The container's address on each network, by network name. */
    public Map<String, String> addresses() {
        Map<String, String> map = new LinkedHashMap<>();
        joined.forEach((n, m) -> map.put(n.name(), m.address().toString()));
        return map;
    }

    /** The published ports as bound (random host ports resolved). */
    public List<PortMapping> ports() {
        KernelPorts k = kernelPorts;
        List<PortMapping> pasta = pastaPorts;
        return k != null ? k.bound() : pasta != null ? pasta : proxies.stream().map(PortProxy::bound).toList();
    }

    /**
     * Gives the network namespace of {@code pid} one interface per network ({@code eth0},
     * {@code eth1}, ...), addressed, up, with the default route through the first network's
     * gateway; creates the bridges this needs; starts forwarding the published ports.
     */
    public void connect(int pid) {
        List<PortMapping> pasta = pastaPorts;
        Path pidFile = pastaPidFile;
        if (pasta != null && pidFile != null) {
            Pasta.attach(pid, pasta, pidFile);
            return;
        }
        int netns = NetSyscalls.openReadOnly("/proc/" + pid + "/ns/net");
        try {
            networks.store().locked(() -> {
                try (Netlink host = Netlink.open()) {
                    Links links = new Links(host);
                    int i = 0;
                    for (var e : joined.entrySet()) {
                        NetworkStore.Stored n = e.getKey();
                        int bridge = links.index(n.bridge()).orElseGet(() -> createBridge(links, n, networks.bridgePrefix()));
                        String veth = "lv" + id + i;
                        links.createVeth(veth, bridge, "eth" + i, netns, n.mtu());
                        veths.add(veth);
                        i++;
                    }
                }
                return null;
            });
            InNamespace.withNetlink(netns, netlink -> {
                Links links = new Links(netlink);
                int i = 0;
                for (var e : joined.entrySet()) {
                    String name = "eth" + i++;
                    int index = links.index(name).orElseThrow(() -> new LitException(name + " did not appear in the container's network namespace"));
                    links.addAddress(index, name, e.getValue().address(), e.getKey().subnet().prefix());
                    links.up(index, name);
                }
                links.addDefaultRoute(joined.keySet().iterator().next().gateway());
                return null;
            });
        } finally {
            Libc.close(netns);
        }
        String address = joined.values().iterator().next().address().toString();
        KernelPorts k = kernelPorts;
        if (k != null) {
            NetworkStore.Stored first = joined.keySet().iterator().next();
            k.install(address, first.bridge(), first.subnet());
        }
        proxies.forEach(p -> p.start(address, id));
    }

    private static int createBridge(Links links, NetworkStore.Stored n, String bridgePrefix) {
        links.createBridge(n.bridge(), n.mtu());
        int index = links.index(n.bridge()).orElseThrow(() -> new LitException("bridge " + n.bridge() + " vanished after its creation"));
        links.addAddress(index, n.bridge(), n.gateway(), n.subnet().prefix());
        Nat.install(n.bridge(), bridgePrefix, n.subnet(), n.internal());
        return index;
    }

    /** Stops the proxies, removes the veth pairs, frees the addresses, and the bridges no container uses any more. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        proxies.forEach(PortProxy::close);
        Path pidFile = pastaPidFile;
        if (pidFile != null) {
            Pasta.stop(pidFile);
        }
        KernelPorts k = kernelPorts;
        if (k != null) {
            k.close();
        }
        networks.store().locked(() -> {
            if (!veths.isEmpty()) {
                try (Netlink host = Netlink.open()) {
                    Links links = new Links(host);
                    veths.forEach(links::delete); // gone already when the namespace died with PID 1
                }
            }
            List<String> names = new ArrayList<>();
            for (NetworkStore.Stored n : joined.keySet()) {
                networks.store().leave(n.name(), id);
                names.add(n.name());
            }
            networks.refreshHosts(names);
            names.forEach(networks::removeIfUnused);
            return null;
        });
    }
}
