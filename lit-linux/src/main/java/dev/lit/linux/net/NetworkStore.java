package dev.lit.linux.net;

import dev.lit.InvalidSpecException;
import dev.lit.LitException;
import dev.lit.NetworkSpec;
import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The networks of one state root, on disk under {@code <state>/networks/<name>/}: a
 * {@code network} file (subnet, gateway, MTU, bridge, whether declared) and one
 * {@code members/<container id>} file per joined container (its address and host names).
 * The member files are the address leases: an address is free when no member file holds
 * it, so leases survive a JVM restart and a killed JVM's are freed by the cleanup pass.
 * Every change runs under one lock (a file lock across JVMs, a mutex within this one,
 * since file locks are per process).
 */
final class NetworkStore {
    /** Undeclared networks take a /24 from 10.89.0.0/16 (Podman's default is 10.88.0.0/16). */
    private static final int POOL = Ipv4.parse("10.89.0.0").value();
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private final Path root;
    private final Path stateRoot;
    /** Machine-wide subnet claims; none for a rootless JVM, whose networks have no bridge or subnet on the host. */
    private final @Nullable SubnetClaims claims;

    NetworkStore(Path stateRoot) {
        this.stateRoot = stateRoot;
        this.root = stateRoot.resolve("networks");
        this.claims = Libc.geteuid() == 0 ? SubnetClaims.machine() : null;
    }

    /** Releases subnet claims of networks that no longer exist anywhere. */
    void releaseOrphanClaims() {
        if (claims != null) {
            claims.releaseOrphans();
        }
    }

    /** A network as stored. */
    record Stored(String name, Subnet subnet, Ipv4 gateway, int mtu, boolean internal, String bridge, boolean declared, String owner) {
        NetworkSpec spec() {
            return new NetworkSpec(name, subnet.toString(), gateway.toString(), mtu, internal);
        }
    }

    /** A container on a network: its address and the names the others reach it by. */
    record Member(String containerId, Ipv4 address, List<String> names, Path hostsFile) {
    }

    /** Whether any network state was ever kept under this state root. */
    boolean exists() {
        return Files.isDirectory(root);
    }

    /** Runs {@code work} holding the store's lock. */
    <T> T locked(Supplier<T> work) {
        JVM_LOCK.lock();
        try {
            Files.createDirectories(root);
            try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                assert lock.isValid();
                return work.get();
            }
        } catch (IOException e) {
            throw new LitException("cannot lock the network state in " + root + ": " + e.getMessage(), e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    /** The bridge name prefix of this state root: two state roots never share a bridge. */
    String bridgePrefix() {
        return "l" + HexFormat.of().formatHex(sha(stateRoot.toString())).substring(0, 4) + "-";
    }

    private String bridgeName(String network) {
        String prefix = bridgePrefix();
        if (network.matches("[a-z0-9]{1,9}")) {
            return prefix + network;
        }
        return prefix + HexFormat.of().formatHex(sha(network)).substring(0, 9);
    }

    private static byte[] sha(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Stored> find(String name) {
        Path file = root.resolve(name).resolve("network");
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            return Optional.of(new Stored(name, Subnet.parse(p.getProperty("subnet")), Ipv4.parse(p.getProperty("gateway")),
                    Integer.parseInt(p.getProperty("mtu")), Boolean.parseBoolean(p.getProperty("internal")),
                    p.getProperty("bridge"), Boolean.parseBoolean(p.getProperty("declared")), p.getProperty("owner", "")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new LitException("cannot read network state " + file + ": " + e.getMessage(), e);
        }
    }

    List<Stored> all() {
        List<Stored> list = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                find(dir.getFileName().toString()).ifPresent(list::add);
            }
        } catch (IOException e) {
            // no networks yet
        }
        return list;
    }

    /** Stores {@code spec} (declared or implied), choosing a subnet from the pool when it has none. Call locked. */
    Stored create(NetworkSpec spec, boolean declared, String owner) {
        List<Stored> existing = all();
        Path dir = root.resolve(spec.name());
        Subnet subnet;
        if (spec.subnet() != null) {
            subnet = Subnet.parse(spec.subnet());
            for (Stored other : existing) {
                if (!other.name().equals(spec.name()) && other.subnet().overlaps(subnet)) {
                    throw new InvalidSpecException("network.subnet", spec.name() + ": subnet " + subnet + " overlaps network " + other.name() + " (" + other.subnet() + ")");
                }
            }
            for (Subnet route : HostRoutes.subnets()) {
                if (route.overlaps(subnet) && existing.stream().noneMatch(o -> o.subnet().equals(route))) {
                    throw new InvalidSpecException("network.subnet", spec.name() + ": subnet " + subnet + " overlaps the host's route to " + route);
                }
            }
            if (claims != null && !claims.locked(() -> claims.claim(subnet, dir))) {
                throw new InvalidSpecException("network.subnet", spec.name() + ": subnet " + subnet + " is taken by a network of another Lit state root");
            }
        } else {
            subnet = freeSubnet(existing, dir);
        }
        Ipv4 gateway = spec.gateway() != null ? Ipv4.parse(spec.gateway()) : subnet.first();
        Stored stored = new Stored(spec.name(), subnet, gateway, spec.mtu(), spec.internal(), bridgeName(spec.name()), declared, owner);
        save(stored);
        return stored;
    }

    private Subnet freeSubnet(List<Stored> existing, Path dir) {
        List<Subnet> routes = HostRoutes.subnets();
        for (int i = 0; i < 256; i++) {
            Subnet candidate = new Subnet(new Ipv4(POOL + (i << 8)), 24);
            boolean taken = existing.stream().anyMatch(o -> o.subnet().overlaps(candidate))
                    || routes.stream().anyMatch(r -> r.overlaps(candidate) && r.prefix() > 0);
            if (!taken && (claims == null || claims.locked(() -> claims.claim(candidate, dir)))) {
                return candidate;
            }
        }
        throw new LitException("no free /24 left in Lit's network pool 10.89.0.0/16: remove networks or give one a subnet");
    }

    void save(Stored s) {
        String text = "subnet=" + s.subnet() + "\ngateway=" + s.gateway() + "\nmtu=" + s.mtu() + "\ninternal=" + s.internal()
                + "\nbridge=" + s.bridge() + "\ndeclared=" + s.declared() + "\nowner=" + s.owner() + "\n";
        Path dir = root.resolve(s.name());
        try {
            Files.createDirectories(dir.resolve("members"));
            Path tmp = dir.resolve("network.tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, dir.resolve("network"), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LitException("cannot write network state under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes network {@code name}'s state and releases its subnet. Call locked. */
    void delete(String name) {
        Path dir = root.resolve(name);
        Optional<Stored> stored = find(name);
        if (claims != null && stored.isPresent()) {
            claims.release(stored.get().subnet(), dir);
        }
        try {
            Files.deleteIfExists(dir.resolve("network"));
            Files.deleteIfExists(dir.resolve("members"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new LitException("cannot remove network state " + dir + ": " + e.getMessage(), e);
        }
    }

    Map<String, Member> members(String network) {
        Map<String, Member> members = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(root.resolve(network).resolve("members"))) {
            for (Path f : s.sorted().toList()) {
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(f)));
                String id = f.getFileName().toString();
                String names = p.getProperty("names", "");
                members.put(id, new Member(id, Ipv4.parse(p.getProperty("address")),
                        names.isEmpty() ? List.of() : List.of(names.split(",")), Path.of(p.getProperty("hosts"))));
            }
        } catch (NoSuchFileException e) {
            // no members
        } catch (IOException | RuntimeException e) {
            throw new LitException("cannot read the members of network " + network + ": " + e.getMessage(), e);
        }
        return members;
    }

    /** Leases the lowest free host address of {@code network} to a new member. Call locked. */
    Member join(Stored network, String containerId, List<String> names, Path hostsFile) {
        java.util.Set<Ipv4> used = new java.util.HashSet<>();
        members(network.name()).values().forEach(m -> used.add(m.address()));
        used.add(network.gateway());
        Subnet s = network.subnet();
        for (Ipv4 a = s.first(); a.compareTo(s.broadcast()) < 0; a = a.plus(1)) {
            if (!used.contains(a)) {
                Member m = new Member(containerId, a, names, hostsFile);
                Path file = root.resolve(network.name()).resolve("members").resolve(containerId);
                try {
                    Files.writeString(file, "address=" + a + "\nnames=" + String.join(",", names) + "\nhosts=" + hostsFile + "\n");
                } catch (IOException e) {
                    throw new LitException("cannot record the address lease in " + file + ": " + e.getMessage(), e);
                }
                return m;
            }
        }
        throw new LitException("network " + network.name() + " (" + s + ") has no free address left");
    }

    /** Records a member at a given, shared {@code address} (rootless: the host, as pasta maps it). Call locked. */
    Member joinAt(Stored network, String containerId, List<String> names, Path hostsFile, Ipv4 address) {
        Path file = root.resolve(network.name()).resolve("members").resolve(containerId);
        try {
            Files.writeString(file, "address=" + address + "\nnames=" + String.join(",", names) + "\nhosts=" + hostsFile + "\n");
        } catch (IOException e) {
            throw new LitException("cannot record the membership in " + file + ": " + e.getMessage(), e);
        }
        return new Member(containerId, address, names, hostsFile);
    }

    /** Where the pid of a rootless container's pasta is kept. */
    Path pastaPidFile(String containerId) {
        return root.resolve("pasta").resolve(containerId + ".pid");
    }

    List<Path> pastaPidFiles() {
        try (Stream<Path> s = Files.list(root.resolve("pasta"))) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Ends {@code containerId}'s membership, freeing its address. Call locked. */
    void leave(String network, String containerId) {
        try {
            Files.deleteIfExists(root.resolve(network).resolve("members").resolve(containerId));
        } catch (IOException e) {
            throw new LitException("cannot release the address lease of " + containerId + " on " + network + ": " + e.getMessage(), e);
        }
    }
}
