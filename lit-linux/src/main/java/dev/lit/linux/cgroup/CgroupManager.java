package dev.lit.linux.cgroup;

import dev.lit.InvalidSpecException;
import dev.lit.Resources;
import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Creates one cgroup per container under a Lit parent, below the cgroup this process is in
 * (never above it), or below a configured parent ({@code LIT_CGROUP_PARENT}, like Docker's
 * {@code --cgroup-parent}). cgroup v2 is used for every controller it carries; v1 hierarchies
 * take the rest. A limit no controller can take is an error, never ignored.
 */
public final class CgroupManager {
    /** The directory under the launcher's cgroup that holds Lit's containers. */
    public static final String LIT_PARENT = "lit";
    /** Where the JVM moves itself on a v2 host whose cgroup it alone occupies (the no-internal-process rule). */
    static final String SUPERVISOR_LEAF = "supervisor";
    private static final long CPU_PERIOD_MICROS = 100_000;

    private final CgroupSystem system;
    private final @Nullable String configuredParent;

    /**
     * A manager over these hierarchies.
     *
     * @param system the host's cgroup hierarchies
     * @param configuredParent the parent cgroup path to put containers under; null or blank for {@code lit}
     *     under this process's cgroup
     */
    public CgroupManager(CgroupSystem system, @Nullable String configuredParent) {
        this.system = system;
        this.configuredParent = configuredParent == null || configuredParent.isBlank() ? null : configuredParent;
    }

    /**
     * The manager for this process: the detected hierarchies, and {@code LIT_CGROUP_PARENT} as parent if set.
     *
     * @return the manager
     */
    public static CgroupManager forThisProcess() {
        return new CgroupManager(CgroupSystem.detect(), System.getenv("LIT_CGROUP_PARENT"));
    }

    /**
     * The hierarchies this manager uses.
     *
     * @return the cgroup system
     */
    public CgroupSystem system() {
        return system;
    }

    /**
     * The Lit parent in a hierarchy: the configured parent, or {@code lit} under this process's cgroup.
     *
     * @param h the hierarchy
     * @return the parent's directory
     */
    public Path parentIn(Hierarchy h) {
        if (configuredParent != null) {
            return h.resolve(configuredParent);
        }
        String own = h.ownPath();
        if (h.version() == 2 && own.endsWith("/" + SUPERVISOR_LEAF)) {
            own = own.substring(0, own.length() - SUPERVISOR_LEAF.length() - 1);
        }
        return h.resolve(own).resolve(LIT_PARENT);
    }

    /**
     * The cgroup of an existing container from the directories its state file records, with
     * each controller found by the hierarchy that holds its directory: for another JVM's
     * container (a detached one's stats, pause and exec).
     *
     * @param id          the container id
     * @param directories its cgroup directories, as its state file lists them
     * @return its cgroup, with nothing created or changed
     */
    public ContainerCgroup reopen(String id, List<ContainerCgroup.Directory> directories) {
        Map<Controller, ContainerCgroup.Directory> byController = new EnumMap<>(Controller.class);
        for (Controller c : Controller.values()) {
            // the hierarchy create() placed the controller in, as it does
            system.hierarchyFor(c).ifPresent(h -> directories.stream()
                    .filter(d -> d.version() == h.version() && d.path().startsWith(h.mountPoint()))
                    .findFirst().ifPresent(d -> byController.put(c, d)));
        }
        return new ContainerCgroup(id, directories, byController);
    }

    /**
     * Creates the container's cgroup and writes its limits; on failure nothing is left behind.
     *
     * @param id the container's id
     * @param resources the limits
     * @return the container's cgroup
     */
    public ContainerCgroup create(String id, Resources resources) {
        return create(id, resources, true);
    }

    /**
     * As {@link #create(String, Resources)}; a non-root user ({@code privileged} false) can use
     * only a hierarchy delegated to them. Without one, a container without limits runs outside
     * any cgroup of its own, and a request for limits is an error that says how to get delegation.
     *
     * @param id the container's id
     * @param resources the limits
     * @param privileged whether this process is root
     * @return the container's cgroup
     * @throws dev.lit.InvalidSpecException if limits are asked for without a delegated hierarchy
     */
    public ContainerCgroup create(String id, Resources resources, boolean privileged) {
        if (!privileged && !delegated()) {
            if (!resources.isUnlimited()) {
                throw new InvalidSpecException("resources", "limits for a rootless container need a cgroup v2 subtree"
                        + " delegated to this user, and " + system.unified().map(h -> h.ownDirectory() + " is not writable")
                        .orElse("this host has no cgroup v2") + " (" + system.describe() + "). With systemd: run under"
                        + " `systemd-run --user --scope -p Delegate=yes ...`, or set LIT_CGROUP_PARENT to a delegated cgroup.");
            }
            return new ContainerCgroup(id, List.of(), Map.of());
        }
        Map<Controller, Hierarchy> placement = place(resources);
        Map<Hierarchy, ContainerCgroup.Directory> dirs = new LinkedHashMap<>();
        Map<Controller, ContainerCgroup.Directory> byController = new EnumMap<>(Controller.class);
        List<ContainerCgroup.Directory> created = new ArrayList<>();
        try {
            system.unified().filter(h -> system.isPureV2() || placement.containsValue(h)).ifPresent(h -> dirs.put(h, null));
            placement.values().forEach(h -> dirs.putIfAbsent(h, null));
            for (Hierarchy h : List.copyOf(dirs.keySet())) {
                Set<Controller> controllers = placement.entrySet().stream()
                        .filter(e -> e.getValue().equals(h)).map(Map.Entry::getKey).collect(Collectors.toSet());
                Path dir = createIn(h, controllers, id);
                ContainerCgroup.Directory d = new ContainerCgroup.Directory(h.version(), dir);
                created.add(d);
                dirs.put(h, d);
                controllers.forEach(c -> byController.put(c, d));
            }
            ContainerCgroup cgroup = new ContainerCgroup(id, created, byController);
            applyLimits(cgroup, resources);
            return cgroup;
        } catch (RuntimeException e) {
            try {
                new ContainerCgroup(id, created, byController).remove();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** True when this (non-root) user may create cgroups: a writable cgroup v2 directory of its own. */
    private boolean delegated() {
        return system.unified().filter(h -> !h.controllers().isEmpty())
                .map(h -> configuredParent != null ? h.resolve(configuredParent) : h.ownDirectory())
                .map(Files::isWritable).orElse(false);
    }

    /** Creates the container's directory, redoing the parent if a concurrent cleanup removed it. */
    private Path createIn(Hierarchy h, Set<Controller> controllers, String id) {
        Path parent = parentIn(h);
        for (int attempt = 0; ; attempt++) {
            if (h.version() == 2) {
                prepareV2Parent(h, parent, controllers);
            } else {
                mkdirs(parent);
            }
            Path dir = parent.resolve(id);
            try {
                Files.createDirectory(dir);
                return dir;
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw new CgroupException("cannot create cgroup " + dir + ": its parent keeps disappearing", e);
                }
            } catch (FileAlreadyExistsException e) {
                throw new CgroupException("cgroup " + dir + " exists already: another container has this id", e);
            } catch (IOException e) {
                throw new CgroupException("cannot create cgroup " + dir + ": " + CgroupFiles.reason(e), e);
            }
        }
    }

    /** Which hierarchy carries each controller; fails for a requested limit no hierarchy can take. */
    private Map<Controller, Hierarchy> place(Resources resources) {
        Map<Controller, Hierarchy> placement = new EnumMap<>(Controller.class);
        for (Controller c : Controller.values()) {
            system.hierarchyFor(c).filter(h -> h.version() == 2 || Libc.geteuid() == 0).ifPresent(h -> placement.put(c, h));
        }
        requireController(placement, Controller.CPU, resources.cpu() != null, "resources.cpu");
        requireController(placement, Controller.MEMORY, resources.memory() != null, "resources.memory");
        requireController(placement, Controller.MEMORY, resources.memoryHigh() != null, "resources.memory_high");
        requireController(placement, Controller.CPU, resources.cpuWeight() != null, "resources.cpu_weight");
        requireController(placement, Controller.PIDS, resources.pids() != null, "resources.pids");
        return placement;
    }

    private void requireController(Map<Controller, Hierarchy> placement, Controller c, boolean requested, String field) {
        if (requested && !placement.containsKey(c)) {
            throw new InvalidSpecException(field, "this host has no usable '" + c.kernelName()
                    + "' cgroup controller, so the limit cannot be enforced (" + system.describe() + ")");
        }
    }

    /**
     * On v2 a cgroup can hand controllers to its children only while it holds no processes.
     * When this JVM is the only process in its own cgroup (a systemd service with Delegate=yes,
     * a CI leaf), it moves itself into a {@code supervisor} leaf, as crun and systemd do.
     */
    private void prepareV2Parent(Hierarchy h, Path parent, Set<Controller> controllers) {
        Path base = parent.getParent();
        if (controllers.isEmpty()) {
            mkdirs(parent);
            return;
        }
        String enable = controllers.stream().map(c -> "+" + c.kernelName()).collect(Collectors.joining(" "));
        for (Path dir = base; dir != null && dir.startsWith(h.mountPoint()); dir = dir.equals(h.mountPoint()) ? null : dir.getParent()) {
            if (enabled(dir, controllers)) {
                break;
            }
            if (!dir.equals(base)) {
                continue; // above our own cgroup: only the host may enable controllers there
            }
            enableOrMoveSelf(h, dir, enable);
        }
        // only now: a cgroup that cannot take controllers must not be left with an empty Lit parent
        mkdirs(parent);
        if (!enabled(parent, controllers)) {
            CgroupFiles.write(parent.resolve("cgroup.subtree_control"), enable);
        }
    }

    private void enableOrMoveSelf(Hierarchy h, Path dir, String enable) {
        try {
            CgroupFiles.write(dir.resolve("cgroup.subtree_control"), enable);
            return;
        } catch (CgroupException e) {
            // EBUSY comes from write(2), which Java reports as a plain IOException, not a FileSystemException
            if (!(e.getCause() instanceof IOException io) || !CgroupFiles.reason(io).contains("busy")) {
                throw e;
            }
        }
        List<String> procs = CgroupFiles.read(dir.resolve("cgroup.procs")).lines().filter(l -> !l.isBlank()).toList();
        String self = Long.toString(ProcessHandle.current().pid());
        if (!dir.equals(h.ownDirectory()) || !procs.equals(List.of(self))) {
            throw new CgroupException("cgroup v2: cannot enable " + enable + " in " + dir
                    + ": it holds other processes (" + procs.size() + "), and cgroup v2 lets only a cgroup without processes"
                    + " pass controllers to its children. Run Lit in a delegated cgroup of its own (for example"
                    + " `systemd-run --scope -p Delegate=yes ...`) or set LIT_CGROUP_PARENT to a delegated cgroup.");
        }
        Path leaf = dir.resolve(SUPERVISOR_LEAF);
        mkdirs(leaf);
        CgroupFiles.write(leaf.resolve("cgroup.procs"), self);
        CgroupFiles.write(dir.resolve("cgroup.subtree_control"), enable);
    }

    private static boolean enabled(Path dir, Set<Controller> controllers) {
        try {
            Set<String> on = Set.of(Files.readString(dir.resolve("cgroup.subtree_control")).strip().split("\\s+"));
            return controllers.stream().allMatch(c -> on.contains(c.kernelName()));
        } catch (IOException e) {
            return false;
        }
    }

    private static void applyLimits(ContainerCgroup cgroup, Resources r) {
        ContainerCgroup.Directory memory = cgroup.controllers().get(Controller.MEMORY);
        if (r.memory() != null && memory != null) {
            String bytes = Long.toString(r.memory().bytes());
            if (memory.version() == 2) {
                CgroupFiles.write(memory.file("memory.max"), bytes);
                writeIfPresent(memory.file("memory.swap.max"), "0");
            } else {
                CgroupFiles.write(memory.file("memory.limit_in_bytes"), bytes);
                writeIfPresent(memory.file("memory.memsw.limit_in_bytes"), bytes);
            }
        }
        if (r.memoryHigh() != null && memory != null) {
            String bytes = Long.toString(r.memoryHigh().bytes());
            CgroupFiles.write(memory.file(memory.version() == 2 ? "memory.high" : "memory.soft_limit_in_bytes"), bytes);
        }
        ContainerCgroup.Directory cpu = cgroup.controllers().get(Controller.CPU);
        if (r.cpuWeight() != null && cpu != null) {
            if (cpu.version() == 2) {
                CgroupFiles.write(cpu.file("cpu.weight"), Integer.toString(r.cpuWeight()));
            } else {
                CgroupFiles.write(cpu.file("cpu.shares"), Long.toString(sharesOf(r.cpuWeight())));
            }
        }
        if (r.cpu() != null && cpu != null) {
            long quota = r.cpu().quotaMicros(CPU_PERIOD_MICROS);
            if (cpu.version() == 2) {
                CgroupFiles.write(cpu.file("cpu.max"), quota + " " + CPU_PERIOD_MICROS);
            } else {
                CgroupFiles.write(cpu.file("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_MICROS));
                CgroupFiles.write(cpu.file("cpu.cfs_quota_us"), Long.toString(quota));
            }
        }
        ContainerCgroup.Directory pids = cgroup.controllers().get(Controller.PIDS);
        if (r.pids() != null && pids != null) {
            CgroupFiles.write(pids.file("pids.max"), Long.toString(r.pids()));
        }
    }

    /** v1 cpu.shares (2 to 262144, 1024 by default) for a v2 weight (1 to 10000, 100 by default). */
    static long sharesOf(int weight) {
        return Math.max(2, Math.min(262144, Math.round(weight * 1024.0 / 100)));
    }

    private static void writeIfPresent(Path file, String value) {
        if (Files.exists(file)) {
            CgroupFiles.write(file, value);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CgroupException("cannot create cgroup " + dir + ": " + CgroupFiles.reason(e), e);
        }
    }


    /** Removes the Lit parents if no container is left in them; a busy parent is fine. */
    public void removeEmptyParents() {
        for (Hierarchy h : system.hierarchies()) {
            Path parent = parentIn(h);
            if (configuredParent != null || !parent.getFileName().toString().equals(LIT_PARENT)) {
                continue;
            }
            try {
                Files.deleteIfExists(parent);
            } catch (DirectoryNotEmptyException | NoSuchFileException ignored) {
                // still in use, or gone
            } catch (IOException ignored) {
                // busy: another container is starting in it
            }
        }
    }
}
