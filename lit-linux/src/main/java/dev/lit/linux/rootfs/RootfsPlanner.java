package dev.lit.linux.rootfs;

import static dev.lit.linux.rootfs.MountFlags.BIND;
import static dev.lit.linux.rootfs.MountFlags.NODEV;
import static dev.lit.linux.rootfs.MountFlags.NOEXEC;
import static dev.lit.linux.rootfs.MountFlags.NOSUID;
import static dev.lit.linux.rootfs.MountFlags.PRIVATE;
import static dev.lit.linux.rootfs.MountFlags.RDONLY;
import static dev.lit.linux.rootfs.MountFlags.REC;
import static dev.lit.linux.rootfs.MountFlags.STRICTATIME;

import dev.lit.Base;
import dev.lit.InvalidSpecException;
import dev.lit.Mount;
import dev.lit.UnsupportedFeatureException;
import dev.lit.linux.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the container's root filesystem: an overlay of the base and the writable layer,
 * a fresh /proc, a minimal /dev on tmpfs, a read-only /sys, masked and read-only kernel
 * paths, the spec's mounts, then pivot_root into it. All of it happens in the container's
 * own mount namespace, and every container path is resolved inside the new root by the
 * helper, so a symbolic link in the base cannot send a mount to a host path.
 */
public final class RootfsPlanner {
    /** Host devices bound into the container's /dev, as Docker and the OCI spec provide them. */
    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

    /** The longest mount data the kernel takes (one page, with its NUL). */
    private static final int MOUNT_DATA_MAX = 4095;

    private final Path lower;
    private final List<Path> lowers;
    private final RootfsLayout layout;
    private final String root;

    /**
     * @param base   the spec's base
     * @param layout the container's layer directories
     */
    public RootfsPlanner(Base base, RootfsLayout layout) {
        this.lowers = lowerDirectories(base);
        this.lower = lowers.getFirst();
        this.layout = layout;
        this.root = layout.rootfs().toString();
    }

    /** The directory the overlay's read-only layer is: for an image, its top layer. */
    public static Path lowerDirectory(Base base) {
        return lowerDirectories(base).getFirst();
    }

    /**
     * The overlay's read-only layers, top first: one for host and dir: bases, the unpacked
     * layers of an image (pulled beforehand, see {@link dev.lit.linux.image.ImageBases}).
     */
    public static List<Path> lowerDirectories(Base base) {
        return switch (base) {
            case Base.Host h -> List.of(Path.of("/"));
            case Base.Directory d -> {
                if (!Files.isDirectory(d.path())) {
                    throw new InvalidSpecException("filesystem.base", "dir:" + d.path() + " is not a directory");
                }
                yield List.of(d.path());
            }
            case Base.Image i -> dev.lit.linux.image.ImageBases.lowerDirectories(i.reference());
        };
    }

    /** The overlay's options; lowerdir lists the layers top first, ':'-separated, within the kernel's 4096 bytes. */
    private String overlayData(boolean userxattr) {
        StringBuilder lowerdir = new StringBuilder();
        for (Path layer : lowers) {
            lowerdir.append(lowerdir.isEmpty() ? "" : ":").append(escape(layer));
        }
        String data = "lowerdir=" + lowerdir + ",upperdir=" + escape(layout.upper()) + ",workdir=" + escape(layout.work())
                + (userxattr ? ",userxattr" : "");
        if (data.length() > MOUNT_DATA_MAX) {
            throw new UnsupportedFeatureException("filesystem.base with " + lowers.size() + " layers",
                    "the overlay options would be " + data.length() + " bytes, over the kernel's 4096; use a shorter Lit root (LIT_ROOT)");
        }
        return data;
    }

    public Path lower() {
        return lower;
    }

    /** Kernel files a container must not read: Docker's and the OCI runtime spec's masked paths. */
    public static final List<String> MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    /** Kernel files a container may read but not change. */
    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /**
     * What shapes the root filesystem besides the spec's mounts.
     *
     * @param mountCgroup2  mount the container's cgroup v2 view at /sys/fs/cgroup
     * @param hide          host directories to cover with an empty read-only tmpfs (Lit's state)
     * @param userNamespace the container has a user namespace: overlay keeps its metadata in user xattrs
     * @param ownNetwork    the container has its own network namespace (sysfs can be mounted fresh)
     * @param groupTtyMapped gid 5 (tty) exists in the container's id map
     * @param cgroupV1Views on a cgroup v1 host, the container's own cgroup directories to show
     *                      read-only under /sys/fs/cgroup, by hierarchy name ("memory", "cpu", ...)
     */
    public record Options(boolean mountCgroup2, List<Path> hide, boolean userNamespace, boolean ownNetwork, boolean groupTtyMapped,
                          Map<String, Path> cgroupV1Views) {
        /** Copies the lists. */
        public Options {
            hide = List.copyOf(hide);
            cgroupV1Views = Collections.unmodifiableMap(new LinkedHashMap<>(cgroupV1Views));
        }
    }

    /** Adds the root filesystem's steps to the plan, ending with pivot_root. */
    public void addSteps(Plan plan, List<Mount> mounts, Options options) {
        plan.mount("", "/", "", REC | PRIVATE, "");
        if (lower.equals(Path.of("/")) && options.userNamespace()) {
            addHostBinds(plan);
        } else {
            plan.mount("overlay", root, "overlay", 0, overlayData(options.userNamespace()));
            plan.root(root);
        }

        plan.mkdirIn("/proc", 0555);
        plan.mountIn("proc", "/proc", "proc", NOSUID | NODEV | NOEXEC, "");

        plan.mkdirIn("/dev", 0755);
        plan.mountIn("tmpfs", "/dev", "tmpfs", NOSUID | STRICTATIME, "mode=755,size=65536k");
        for (String device : DEVICES) {
            plan.touchIn("/dev/" + device);
            plan.mountIn("/dev/" + device, "/dev/" + device, "", BIND, "");
        }
        plan.mkdirIn("/dev/pts", 0755);
        plan.mountIn("devpts", "/dev/pts", "devpts", NOSUID | NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620" + (options.groupTtyMapped() ? ",gid=5" : ""));
        plan.symlinkIn("pts/ptmx", "/dev/ptmx");
        plan.mkdirIn("/dev/shm", 01777);
        plan.mountIn("shm", "/dev/shm", "tmpfs", NOSUID | NODEV | NOEXEC, "mode=1777,size=65536k");
        plan.mkdirIn("/dev/mqueue", 0755);
        plan.mountIn("mqueue", "/dev/mqueue", "mqueue", NOSUID | NODEV | NOEXEC, "");
        plan.symlinkIn("/proc/self/fd", "/dev/fd");
        plan.symlinkIn("/proc/self/fd/0", "/dev/stdin");
        plan.symlinkIn("/proc/self/fd/1", "/dev/stdout");
        plan.symlinkIn("/proc/self/fd/2", "/dev/stderr");

        plan.mkdirIn("/sys", 0555);
        if (options.ownNetwork() || !options.userNamespace()) {
            plan.mountIn("sysfs", "/sys", "sysfs", RDONLY | NOSUID | NODEV | NOEXEC, "");
        } else {
            // sysfs can only be mounted by the owner of the network namespace: bind the host's instead
            plan.mountIn("/sys", "/sys", "", BIND | REC, "");
            plan.remountReadOnlyIn("/sys");
        }
        if (options.mountCgroup2()) {
            plan.mountIn("cgroup2", "/sys/fs/cgroup", "cgroup2", RDONLY | NOSUID | NODEV | NOEXEC, "");
        } else if (!options.cgroupV1Views().isEmpty()) {
            addCgroupV1Views(plan, options.cgroupV1Views());
        }
        MASKED_PATHS.forEach(plan::maskIn);
        READONLY_PATHS.forEach(plan::readonlyIn);
        for (Path hidden : options.hide()) {
            plan.mountIn("tmpfs", hidden.toString(), "tmpfs", RDONLY | NOSUID | NODEV | NOEXEC, "size=4k,mode=755");
        }
        for (Mount m : mounts) {
            addMount(plan, m);
        }
        plan.pivotRoot(root);
    }

    /**
     * On cgroup v1 a process learns its limits from the hierarchies under /sys/fs/cgroup (the JVM's
     * container support, for one, sizes its heap from memory.limit_in_bytes). Show each of the
     * container's own cgroup directories there, read-only, as Docker does: a bind of a sub-cgroup,
     * which in the container's cgroup namespace appears as the hierarchy's root.
     */
    private static void addCgroupV1Views(Plan plan, Map<String, Path> views) {
        plan.mountIn("tmpfs", "/sys/fs/cgroup", "tmpfs", NOSUID | NODEV | NOEXEC, "mode=755,size=64k");
        views.forEach((name, directory) -> {
            String target = "/sys/fs/cgroup/" + name;
            plan.mkdirIn(target, 0555);
            plan.mountIn(directory.toString(), target, "", BIND, "");
            plan.remountReadOnlyIn(target);
        });
        plan.remountReadOnlyIn("/sys/fs/cgroup");
    }

    /**
     * The host as base inside a user namespace. The kernel will not use / as an overlay layer
     * there (the host's mounts on it are locked, and an overlay would reveal what they cover),
     * so the root is a tmpfs holding read-only recursive binds of the host's top-level
     * directories, with writable tmpfs at /tmp, /var/tmp, /run and /root.
     */
    private void addHostBinds(Plan plan) {
        plan.mount("tmpfs", root, "tmpfs", NOSUID | NODEV, "mode=755");
        plan.root(root);
        List<Path> entries;
        try (var list = Files.list(Path.of("/"))) {
            entries = list.sorted().toList();
        } catch (java.io.IOException e) {
            throw new dev.lit.LitException("cannot list the host's root directory: " + e.getMessage(), e);
        }
        for (Path entry : entries) {
            String name = "/" + entry.getFileName();
            if (HOST_SKIPPED.contains(name)) {
                continue;
            }
            if (Files.isSymbolicLink(entry)) {
                try {
                    plan.symlinkIn(Files.readSymbolicLink(entry).toString(), name);
                } catch (java.io.IOException e) {
                    // vanished: skip it
                }
            } else if (Files.isDirectory(entry)) {
                plan.mkdirIn(name, 0755);
                plan.mountIn(name, name, "", BIND | REC, "");
                plan.remountReadOnlyIn(name);
            }
        }
        for (String writable : List.of("/tmp", "/var/tmp", "/run", "/root")) {
            plan.mkdirIn(writable, 0755);
            plan.mountIn("tmpfs", writable, "tmpfs", NOSUID | NODEV, writable.equals("/root") ? "mode=700" : "mode=1777");
        }
    }

    /** Host directories a container gets its own instance of, never the host's. */
    private static final java.util.Set<String> HOST_SKIPPED = java.util.Set.of("/proc", "/sys", "/dev", "/tmp", "/run", "/root", "/lost+found");

    private void addMount(Plan plan, Mount m) {
        String target = m.target();
        switch (m) {
            case Mount.Bind b -> {
                if (!Files.exists(b.source())) {
                    throw new InvalidSpecException("mounts", "the bind source " + b.source() + " does not exist");
                }
                if (Files.isDirectory(b.source())) {
                    plan.mkdirIn(target, 0755);
                } else {
                    plan.mkdirIn(parentOf(target), 0755);
                    plan.touchIn(target);
                }
                plan.mountIn(b.source().toString(), target, "", BIND | REC, "");
                if (b.readOnly()) {
                    plan.remountReadOnlyIn(target);
                }
            }
            case Mount.Volume v -> throw new IllegalStateException(
                    "volume " + v.name() + " reached the rootfs planner unresolved: the launcher binds volumes first");
            case Mount.Tmpfs t -> {
                plan.mkdirIn(target, 0755);
                plan.mountIn("tmpfs", target, "tmpfs", NOSUID | NODEV,
                        "mode=1777" + (t.size() == null ? "" : ",size=" + t.size().bytes()));
            }
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Overlay options treat ',' ':' and '\' specially: escape them with a backslash. */
    static String escape(Path path) {
        String s = path.toString();
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == ',' || c == ':' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
