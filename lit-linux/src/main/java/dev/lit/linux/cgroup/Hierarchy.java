package dev.lit.linux.cgroup;

import java.nio.file.Path;
import java.util.Set;

/**
 * One mounted cgroup hierarchy as this process sees it.
 *
 * @param version     1 or 2
 * @param mountPoint  where it is mounted, such as /sys/fs/cgroup/memory
 * @param controllers the controllers bound to it (for v2: those enabled at this process's cgroup)
 * @param ownPath     this process's cgroup in it, such as /process_api/abc
 */
public record Hierarchy(int version, Path mountPoint, Set<String> controllers, String ownPath) {
    /** Copies the controller set. */
    public Hierarchy {
        controllers = Set.copyOf(controllers);
    }

    /**
     * The directory of the cgroup this process is in.
     *
     * @return the directory
     */
    public Path ownDirectory() {
        return resolve(ownPath);
    }

    /**
     * A cgroup path (absolute within the hierarchy) as a directory.
     *
     * @param cgroupPath such as {@code /lit/abc}
     * @return the directory under the mount point
     */
    public Path resolve(String cgroupPath) {
        String relative = cgroupPath.replaceFirst("^/+", "");
        return relative.isEmpty() ? mountPoint : mountPoint.resolve(relative);
    }

    /**
     * Whether the controller is bound to this hierarchy.
     *
     * @param controller the controller
     * @return true if it is
     */
    public boolean has(Controller controller) {
        return controllers.contains(version == 1 ? controller.v1Name() : controller.kernelName());
    }

    @Override
    public String toString() {
        return "cgroup v" + version + " at " + mountPoint + " " + controllers;
    }
}
