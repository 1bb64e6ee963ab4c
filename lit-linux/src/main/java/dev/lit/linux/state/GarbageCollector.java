package dev.lit.linux.state;

import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.cgroup.Hierarchy;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.SyscallException;
import dev.lit.linux.net.BridgeNetworks;
import dev.lit.linux.userns.IdRangeAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes what containers of dead JVMs left: their PID 1 (and with it their namespaces and
 * mounts), cgroups, mounts under the state root and state directories. Containers whose
 * owner still runs are never touched, so the pass is safe to run at any time from anywhere.
 * A detached container's owner is its monitor (its {@link MonitorStatus}): it stays
 * while the monitor lives, and after that until removed unless it asked to go at its end ({@link #KEEP}).
 */
public final class GarbageCollector {
    /** A directory without a readable state file younger than this may be one being created right now. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    /**
     * In a container directory: the container outlives its owner (a detached one, whose owner is
     * its monitor) and is kept after it ended, until removed.
     */
    public static final String KEEP = "keep";
    /**
     * In a container directory: the container is created and not started yet (its plan waits
     * for any JVM to start it); it is kept with its cgroups though the JVM that made it is gone.
     */
    public static final String CREATED = "created";
    private final StateRoot root;
    private final CgroupManager cgroups;

    /**
     * A collector over this state root, removing cgroups through this manager.
     *
     * @param root the state root to scan
     * @param cgroups the manager that created the containers' cgroups
     */
    public GarbageCollector(StateRoot root, CgroupManager cgroups) {
        this.root = root;
        this.cgroups = cgroups;
    }

    /**
     * Runs the pass; returns the number of containers it removed.
     *
     * @return the number of containers removed
     */
    public int collect() {
        int removed = 0;
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root.containers())) {
            dirs = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            dirs = List.of();
        }
        for (Path dir : dirs) {
            ContainerDirectory container = new ContainerDirectory(dir.getFileName().toString(), dir);
            Optional<ContainerState> state = container.load();
            if (state.isPresent() ? ownerAlive(state.get(), dir) : youngerThanGrace(dir)) {
                continue;
            }
            if (state.isPresent() && (Files.exists(dir.resolve(KEEP)) || Files.exists(dir.resolve(CREATED)))) {
                continue; // a detached container that ended, or is not started yet: kept until removed
            }
            removeNow(container, state);
            removed++;
        }
        removeOrphanCgroups();
        cgroups.removeEmptyParents();
        new IdRangeAllocator(root.path()).releaseOrphans(root.containers());
        releaseStaleNames();
        try {
            new BridgeNetworks(root.path()).collectGarbage(root.containers());
        } catch (RuntimeException e) {
            // never fail a start over another container's leftovers: the next pass retries
        }
        return removed;
    }

    /**
     * Removes name reservations ({@code names/<name>} holding a container id) whose container
     * directory is gone: a {@code --rm} container's monitor, or a killed JVM, leaves them.
     */
    private void releaseStaleNames() {
        Path names = root.path().resolve("names");
        List<Path> files;
        try (var list = Files.list(names)) {
            files = list.toList();
        } catch (IOException e) {
            return; // no name was ever reserved
        }
        for (Path file : files) {
            try {
                String holder = Files.readString(file).strip();
                if (!holder.isEmpty() && !Files.isDirectory(root.containers().resolve(holder))) { // (empty: being written)
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // gone meanwhile, or unreadable: reserveName takes stale ones over anyway
            }
        }
    }

    /**
     * A detached container's owner is the monitor that supervises it, from the moment it has
     * written its status; until then, and for every other container, the JVM that started it.
     */
    private static boolean ownerAlive(ContainerState state, Path dir) {
        return MonitorStatus.read(dir).map(s -> s.monitor().isAlive()).orElseGet(() -> state.owner().isAlive());
    }

    /**
     * Removes one container now, whoever owned it: kills its PID 1 if it still runs, removes its
     * cgroups, mounts and directory, and frees its user id range.
     *
     * @param container the container's state directory
     */
    public void remove(ContainerDirectory container) {
        removeNow(container, container.load());
        new IdRangeAllocator(root.path()).releaseOrphans(root.containers());
    }

    private void removeNow(ContainerDirectory container, Optional<ContainerState> state) {
        state.ifPresent(this::stopAndUncgroup);
        unmountUnder(container.path());
        container.delete();
    }

    private void stopAndUncgroup(ContainerState state) {
        if (state.init() != null && state.init().isAlive()) {
            Libc.kill((int) state.init().pid(), 9);
        }
        try {
            new ContainerCgroup(state.id(), state.cgroups(), java.util.Map.of()).remove();
        } catch (RuntimeException ignored) {
            // reported by the next pass if it persists
        }
    }

    /**
     * Empty container cgroups under Lit parents that no state directory claims, once older than
     * the grace period: a JVM with another state root (LIT_STATE_DIR) shares the Lit parent, and
     * its newest container's cgroup is empty until the helper places PID 1 in it.
     */
    private void removeOrphanCgroups() {
        for (Hierarchy h : cgroups.system().hierarchies()) {
            Path parent = cgroups.parentIn(h);
            try (Stream<Path> s = Files.list(parent)) {
                for (Path dir : s.filter(Files::isDirectory).toList()) {
                    if (!Files.exists(root.containers().resolve(dir.getFileName())) && !youngerThanGrace(dir)) {
                        try {
                            Files.delete(dir); // fails while processes remain: then it is not ours to judge
                        } catch (IOException ignored) {
                            // busy
                        }
                    }
                }
            } catch (IOException ignored) {
                // no Lit parent in this hierarchy
            }
        }
    }

    private static boolean youngerThanGrace(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isAfter(Instant.now().minus(GRACE));
        } catch (IOException e) {
            return false;
        }
    }

    /** Detaches any mount at or below {@code dir} in this mount namespace, deepest first. */
    static void unmountUnder(Path dir) {
        List<String> targets = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4) {
                    String target = f[4].replace("\\040", " ");
                    if (Path.of(target).startsWith(dir)) {
                        targets.add(target);
                    }
                }
            }
        } catch (IOException e) {
            return;
        }
        targets.sort(Comparator.comparingInt(String::length).reversed());
        for (String target : targets) {
            try {
                Libc.umount2(target, Libc.MNT_DETACH);
            } catch (SyscallException ignored) {
                // gone already
            }
        }
    }
}
