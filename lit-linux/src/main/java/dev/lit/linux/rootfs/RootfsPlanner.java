package dev.lit.linux.rootfs;

import static dev.lit.linux.rootfs.MountFlags.BIND;
import static dev.lit.linux.rootfs.MountFlags.NODEV;
import static dev.lit.linux.rootfs.MountFlags.NOEXEC;
import static dev.lit.linux.rootfs.MountFlags.NOSUID;
import static dev.lit.linux.rootfs.MountFlags.PRIVATE;
import static dev.lit.linux.rootfs.MountFlags.RDONLY;
import static dev.lit.linux.rootfs.MountFlags.REC;
import static dev.lit.linux.rootfs.MountFlags.REMOUNT;
import static dev.lit.linux.rootfs.MountFlags.STRICTATIME;

import dev.lit.Base;
import dev.lit.InvalidSpecException;
import dev.lit.Mount;
import dev.lit.UnsupportedFeatureException;
import dev.lit.linux.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Plans the container's root filesystem: an overlay of the base and the writable layer,
 * a fresh /proc, a minimal /dev on tmpfs, a read-only /sys, the spec's mounts, then
 * pivot_root into it. All of it happens in the container's own mount namespace.
 */
public final class RootfsPlanner {
    /** Host devices bound into the container's /dev, as Docker and the OCI spec provide them. */
    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

    private final Path lower;
    private final RootfsLayout layout;
    private final String root;

    /**
     * @param base   the spec's base
     * @param layout the container's layer directories
     */
    public RootfsPlanner(Base base, RootfsLayout layout) {
        this.lower = lowerDirectory(base);
        this.layout = layout;
        this.root = layout.rootfs().toString();
    }

    /** The directory the overlay's read-only layer is. */
    public static Path lowerDirectory(Base base) {
        return switch (base) {
            case Base.Host h -> Path.of("/");
            case Base.Directory d -> {
                if (!Files.isDirectory(d.path())) {
                    throw new InvalidSpecException("filesystem.base", "dir:" + d.path() + " is not a directory");
                }
                yield d.path();
            }
            case Base.Image i -> throw new UnsupportedFeatureException("filesystem.base: image references",
                    "'" + i.reference() + "' needs image pulling; use 'host' or 'dir:/path/to/rootfs' for now");
        };
    }

    public Path lower() {
        return lower;
    }

    /**
     * Adds the root filesystem's steps to the plan.
     *
     * @param mounts       the spec's extra mounts
     * @param mountCgroup2 whether to mount the container's cgroup v2 view at /sys/fs/cgroup
     * @param hide         host directories to cover with an empty read-only tmpfs (Lit's state)
     */
    public void addSteps(Plan plan, List<Mount> mounts, boolean mountCgroup2, List<Path> hide) {
        plan.mount("", "/", "", REC | PRIVATE, "");
        plan.mount("overlay", root, "overlay", 0, "lowerdir=" + escape(lower) + ",upperdir=" + escape(layout.upper())
                + ",workdir=" + escape(layout.work()));

        plan.mkdir(at("/proc"), 0555);
        plan.mount("proc", at("/proc"), "proc", NOSUID | NODEV | NOEXEC, "");

        plan.mkdir(at("/dev"), 0755);
        plan.mount("tmpfs", at("/dev"), "tmpfs", NOSUID | STRICTATIME, "mode=755,size=65536k");
        for (String device : DEVICES) {
            plan.touch(at("/dev/" + device));
            plan.mount("/dev/" + device, at("/dev/" + device), "", BIND, "");
        }
        plan.mkdir(at("/dev/pts"), 0755);
        plan.mount("devpts", at("/dev/pts"), "devpts", NOSUID | NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5");
        plan.symlink("pts/ptmx", at("/dev/ptmx"));
        plan.mkdir(at("/dev/shm"), 01777);
        plan.mount("shm", at("/dev/shm"), "tmpfs", NOSUID | NODEV | NOEXEC, "mode=1777,size=65536k");
        plan.mkdir(at("/dev/mqueue"), 0755);
        plan.mount("mqueue", at("/dev/mqueue"), "mqueue", NOSUID | NODEV | NOEXEC, "");
        plan.symlink("/proc/self/fd", at("/dev/fd"));
        plan.symlink("/proc/self/fd/0", at("/dev/stdin"));
        plan.symlink("/proc/self/fd/1", at("/dev/stdout"));
        plan.symlink("/proc/self/fd/2", at("/dev/stderr"));

        plan.mkdir(at("/sys"), 0555);
        plan.mount("sysfs", at("/sys"), "sysfs", RDONLY | NOSUID | NODEV | NOEXEC, "");
        if (mountCgroup2) {
            plan.mount("cgroup2", at("/sys/fs/cgroup"), "cgroup2", RDONLY | NOSUID | NODEV | NOEXEC, "");
        }
        for (Path hidden : hide) {
            plan.mount("tmpfs", at(hidden.toString()), "tmpfs", RDONLY | NOSUID | NODEV | NOEXEC, "size=4k,mode=755");
        }
        for (Mount m : mounts) {
            addMount(plan, m);
        }
        plan.pivotRoot(root);
    }

    private void addMount(Plan plan, Mount m) {
        String target = at(checkedTarget(m.target()));
        switch (m) {
            case Mount.Bind b -> {
                if (!Files.exists(b.source())) {
                    throw new InvalidSpecException("mounts", "the bind source " + b.source() + " does not exist");
                }
                if (Files.isDirectory(b.source())) {
                    plan.mkdir(target, 0755);
                } else {
                    plan.mkdir(parentOf(target), 0755);
                    plan.touch(target);
                }
                plan.mount(b.source().toString(), target, "", BIND | REC, "");
                if (b.readOnly()) {
                    plan.mount("", target, "", REMOUNT | BIND | RDONLY, "");
                }
            }
            case Mount.Tmpfs t -> {
                plan.mkdir(target, 0755);
                plan.mount("tmpfs", target, "tmpfs", NOSUID | NODEV,
                        "mode=1777" + (t.size() == null ? "" : ",size=" + t.size().bytes()));
            }
        }
    }

    /**
     * Refuses a mount target that passes through a symbolic link in the base or the writable
     * layer: before pivot_root, an absolute link would resolve against the host's root.
     */
    private String checkedTarget(String target) {
        Path relative = Path.of(target.substring(1));
        for (Path layer : List.of(layout.upper(), lower)) {
            Path at = layer;
            for (Path part : relative) {
                at = at.resolve(part.toString());
                if (Files.isSymbolicLink(at)) {
                    String dest;
                    try {
                        dest = Files.readSymbolicLink(at).toString();
                    } catch (IOException e) {
                        dest = "?";
                    }
                    throw new InvalidSpecException("mounts", "the target " + target + " passes through a symbolic link ("
                            + layer.relativize(at) + " -> " + dest + "); mount onto the real path instead");
                }
                if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                    break;
                }
            }
        }
        return target;
    }

    private String at(String containerPath) {
        return containerPath.equals("/") ? root : root + containerPath;
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
