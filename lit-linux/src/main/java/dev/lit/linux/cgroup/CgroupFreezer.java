package dev.lit.linux.cgroup;

import java.nio.file.Path;

/**
 * Freezes and thaws a container's cgroup: cgroup v2's {@code cgroup.freeze} (done when
 * {@code cgroup.events} says {@code frozen 1}), else the v1 freezer hierarchy's
 * {@code freezer.state} (done when it reads FROZEN). Freezing is asynchronous in the kernel:
 * both wait until every process is stopped, so a caller sees no CPU use after it returns.
 */
public final class CgroupFreezer {
    private static final long WAIT_NANOS = 10_000_000_000L;

    private CgroupFreezer() {
    }

    /**
     * Whether this container's cgroup can be frozen here.
     *
     * @param cgroup the container's cgroup
     * @return true with cgroup v2 or a v1 freezer hierarchy
     */
    public static boolean canFreeze(ContainerCgroup cgroup) {
        return cgroup.unified().isPresent() || cgroup.controllers().containsKey(Controller.FREEZER);
    }

    /**
     * Freezes every process of the cgroup and returns once they are frozen.
     *
     * @param cgroup the container's cgroup
     */
    public static void freeze(ContainerCgroup cgroup) {
        set(cgroup, true);
    }

    /**
     * Thaws a frozen cgroup.
     *
     * @param cgroup the container's cgroup
     */
    public static void thaw(ContainerCgroup cgroup) {
        set(cgroup, false);
    }

    /**
     * Whether the cgroup is frozen now.
     *
     * @param cgroup the container's cgroup
     * @return true if frozen
     */
    public static boolean isFrozen(ContainerCgroup cgroup) {
        var v2 = cgroup.unified();
        if (v2.isPresent()) {
            return CgroupFiles.keyed(v2.get().file("cgroup.events"), "frozen").orElse(0) == 1;
        }
        ContainerCgroup.Directory v1 = cgroup.controllers().get(Controller.FREEZER);
        return v1 != null && CgroupFiles.read(v1.file("freezer.state")).strip().equals("FROZEN");
    }

    private static void set(ContainerCgroup cgroup, boolean frozen) {
        var v2 = cgroup.unified();
        if (v2.isPresent()) {
            Path dir = v2.get().path();
            CgroupFiles.write(dir.resolve("cgroup.freeze"), frozen ? "1" : "0");
            await(cgroup, frozen, dir.resolve("cgroup.events") + " to say 'frozen " + (frozen ? 1 : 0) + "'");
            return;
        }
        ContainerCgroup.Directory v1 = cgroup.controllers().get(Controller.FREEZER);
        if (v1 == null) {
            throw new CgroupException("cannot " + (frozen ? "pause" : "resume") + " container " + cgroup.id()
                    + ": it has no cgroup v2 directory and this host has no v1 freezer hierarchy");
        }
        CgroupFiles.write(v1.file("freezer.state"), frozen ? "FROZEN" : "THAWED");
        await(cgroup, frozen, v1.file("freezer.state") + " to read " + (frozen ? "FROZEN" : "THAWED"));
    }

    private static void await(ContainerCgroup cgroup, boolean frozen, String what) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        for (int i = 0; isFrozen(cgroup) != frozen; i++) {
            if (System.nanoTime() > deadline) {
                throw new CgroupException("gave up waiting for " + what + " (container " + cgroup.id() + ")");
            }
            try {
                Thread.sleep(i < 20 ? 1 : 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CgroupException("interrupted while waiting for " + what);
            }
        }
    }
}
