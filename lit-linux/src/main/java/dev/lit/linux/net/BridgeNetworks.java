package dev.lit.linux.net;

import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import dev.lit.LitException;
import dev.lit.Network;
import dev.lit.NetworkAttachment;
import dev.lit.NetworkMode;
import dev.lit.NetworkSpec;
import dev.lit.PortMapping;
import dev.lit.UnsupportedFeatureException;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.state.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The bridge networks of one state root: declares networks, prepares and connects each
 * bridge container ({@link ContainerNetwork}), keeps every member's hosts file current, and
 * removes a network's bridge and NAT table when its last container leaves.
 */
public final class BridgeNetworks {
    private final NetworkStore store;

    public BridgeNetworks(Path stateRoot) {
        this.store = new NetworkStore(stateRoot);
    }

    /**
     * Whether this host forwards IPv4 ({@code net.ipv4.ip_forward} is 1): without it containers on
     * bridge networks reach each other and the host, not beyond. Lit never turns it on.
     *
     * @return true if the host forwards
     */
    public static boolean hostForwards() {
        return Nat.forwarding();
    }

    /** The prefix of every bridge (and nft table) of this state root, for leak checks. */
    public String bridgePrefix() {
        return store.bridgePrefix();
    }

    /** Declares a network; it lives until the handle is closed and its last container has left. */
    public Network declare(NetworkSpec spec) {
        NetworkStore.Stored stored = store.locked(() -> {
            var existing = store.find(spec.name());
            if (existing.isPresent()) {
                NetworkStore.Stored e = existing.get();
                if (e.declared()) {
                    throw new InvalidSpecException("network.name", "network " + spec.name() + " already exists");
                }
                if (spec.subnet() != null && !e.subnet().toString().equals(spec.subnet())) {
                    throw new InvalidSpecException("network.subnet", "network " + spec.name() + " is in use with subnet " + e.subnet());
                }
                NetworkStore.Stored d = new NetworkStore.Stored(e.name(), e.subnet(), e.gateway(), e.mtu(), e.internal(), e.bridge(), true, owner());
                store.save(d);
                return d;
            }
            return store.create(spec, true, owner());
        });
        return new LinuxNetwork(this, stored.name());
    }

    private static String owner() {
        return ProcessIdentity.self().toString();
    }

    /**
     * Leases addresses, writes the container's network files and binds its published ports:
     * everything that can fail on bad input or a taken port, before any process exists. On
     * failure nothing of it remains.
     */
    public ContainerNetwork prepare(ContainerSpec spec, String id, Path containerDir) {
        NetworkMode.Bridge mode = (NetworkMode.Bridge) spec.network();
        boolean rootless = Libc.geteuid() != 0;
        Ipv4 hostGateway = rootless ? Pasta.hostGateway() : null;
        if (rootless && (!Pasta.installed() || hostGateway == null)) {
            throw new UnsupportedFeatureException("bridge networks without root", !Pasta.installed()
                    ? "rootless containers are networked by pasta: install it (apt-get install passt)"
                    : "pasta needs a default route on the host");
        }
        ContainerNetwork net = new ContainerNetwork(this, id, spec.hostname() != null ? spec.hostname() : id);
        try {
            EtcFiles files = new EtcFiles(containerDir);
            files.create(net.hostname());
            net.files(files);
            store.locked(() -> {
                for (NetworkAttachment a : mode.networks()) {
                    NetworkStore.Stored n = store.find(a.network()).orElseGet(() -> store.create(NetworkSpec.defaults(a.network()), false, ""));
                    Set<String> names = new LinkedHashSet<>();
                    names.add(net.hostname());
                    if (spec.name() != null) {
                        names.add(spec.name());
                    }
                    names.addAll(a.aliases());
                    // rootless: no bridge; peers reach each other through the host (pasta maps the gateway to it)
                    net.joined(n, hostGateway != null ? store.joinAt(n, id, List.copyOf(names), files.hosts(), hostGateway)
                            : store.join(n, id, List.copyOf(names), files.hosts()));
                }
                refreshHosts(mode.networks().stream().map(NetworkAttachment::network).toList());
                return null;
            });
            // Kernel DNAT where nft runs (faster by measurement, see KernelPorts), else the proxy (IPv6 host addresses
            // too: Lit's tables are IPv4); rootless: pasta.
            if (rootless) {
                net.pasta(Pasta.choosePorts(mode.ports()), store.pastaPidFile(id));
            } else if (!mode.ports().isEmpty() && KernelPorts.available() && mode.ports().stream().noneMatch(p -> p.hostIp().contains(":"))) {
                net.bind(KernelPorts.reserve(mode.ports(), store.bridgePrefix(), id));
            } else {
                for (PortMapping p : mode.ports()) {
                    net.bind(PortProxy.bind(p));
                }
            }
            return net;
        } catch (RuntimeException | Error e) {
            try {
                net.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    NetworkStore store() {
        return store;
    }

    /** Rewrites the hosts file of every member of {@code networks}: its own lines, then its peers on every network it is on. Call locked. */
    void refreshHosts(List<String> networks) {
        Map<String, Map<String, NetworkStore.Member>> byNetwork = new LinkedHashMap<>();
        for (NetworkStore.Stored n : store.all()) {
            byNetwork.put(n.name(), store.members(n.name()));
        }
        Set<String> touched = new LinkedHashSet<>();
        for (String n : networks) {
            touched.addAll(byNetwork.getOrDefault(n, Map.of()).keySet());
        }
        for (String id : touched) {
            List<String[]> own = new ArrayList<>();
            List<String[]> peers = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            @Nullable Path hosts = null;
            for (Map<String, NetworkStore.Member> members : byNetwork.values()) {
                NetworkStore.Member self = members.get(id);
                if (self == null) {
                    continue;
                }
                hosts = self.hostsFile();
                own.add(new String[] {self.address().toString(), String.join(" ", self.names())});
                for (NetworkStore.Member m : members.values()) {
                    if (!m.containerId().equals(id) && seen.add(m.address() + " " + m.names())) {
                        peers.add(new String[] {m.address().toString(), String.join(" ", m.names())});
                    }
                }
            }
            if (hosts != null) {
                EtcFiles.rewrite(hosts, EtcFiles.hostsText(own, peers));
            }
        }
    }

    /** Removes network {@code name}'s bridge, NAT table and state when nobody needs it any more. Call locked. */
    void removeIfUnused(String name) {
        store.find(name).ifPresent(n -> {
            boolean ownerAlive = n.declared() && !n.owner().isEmpty() && ownerAlive(n.owner());
            if (store.memberIds(name).isEmpty() && !ownerAlive) {
                if (Libc.geteuid() == 0) {
                    try (Netlink netlink = Netlink.open()) {
                        new Links(netlink).delete(n.bridge());
                    }
                    Nat.remove(n.bridge());
                }
                store.delete(name);
            }
        });
    }

    private static boolean ownerAlive(String owner) {
        int at = owner.indexOf('@');
        try {
            return ProcessIdentity.of(Long.parseLong(owner.substring(0, at)))
                    .map(p -> p.toString().equals(owner)).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The cleanup pass: frees the leases of containers whose directory is gone, removes unused
     * networks, and bridges and NAT tables of this state root that no network claims.
     */
    public void collectGarbage(Path containersDir) {
        if (!store.exists()) {
            return; // no network was ever used with this state root: spare every start the nft run
        }
        store.locked(() -> {
            for (Path pidFile : store.pastaPidFiles()) {
                String owner = pidFile.getFileName().toString().replace(".pid", "");
                if (!Files.isDirectory(containersDir.resolve(owner))) {
                    Pasta.stop(pidFile);
                }
            }
            List<String> changed = new ArrayList<>();
            for (NetworkStore.Stored n : store.all()) {
                for (String id : store.memberIds(n.name())) {
                    if (!Files.isDirectory(containersDir.resolve(id))) {
                        store.leave(n.name(), id);
                        changed.add(n.name());
                    }
                }
            }
            refreshHosts(changed);
            Set<String> bridges = new LinkedHashSet<>();
            for (NetworkStore.Stored n : store.all()) {
                removeIfUnused(n.name());
                store.find(n.name()).ifPresent(s -> bridges.add(s.bridge()));
            }
            if (Libc.geteuid() != 0) {
                return null; // a rootless JVM made no links or tables
            }
            store.releaseOrphanClaims();
            for (String link : links(store.bridgePrefix())) {
                if (!bridges.contains(link)) {
                    try (Netlink netlink = Netlink.open()) {
                        new Links(netlink).delete(link);
                    }
                }
            }
            for (String table : Nat.tables(store.bridgePrefix())) {
                String owner = KernelPorts.containerOf(table, store.bridgePrefix());
                boolean orphan = owner != null ? !Files.isDirectory(containersDir.resolve(owner))
                        : bridges.stream().noneMatch(b -> Nat.table(b).equals(table));
                if (orphan) {
                    Nat.deleteTable(table);
                }
            }
            return null;
        });
    }

    /** This network namespace's links whose name starts with {@code prefix}. */
    static List<String> links(String prefix) {
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new LitException("cannot list /sys/class/net: " + e.getMessage(), e);
        }
    }
}
