package dev.lit.linux.cgroup;

/**
 * The cgroup controllers Lit uses: for limits (cpu, memory, pids), for statistics (io) and
 * to pause containers (freezer, a v1 hierarchy; cgroup v2 freezes every cgroup without one).
 * freezer and cpuacct never appear in a v2 cgroup.controllers, so they are placed only on v1.
 */
public enum Controller {
    /** CPU bandwidth and weight: the cpu limit and cpu weight. */
    CPU("cpu", "cpu"),
    /** Memory limits, and the memory statistics the tuner reads. */
    MEMORY("memory", "memory"),
    /** The process and thread limit. */
    PIDS("pids", "pids"),
    /** Block I/O statistics ({@code blkio} on v1). */
    IO("io", "blkio"),
    /** Pausing containers, on v1; v2 freezes any cgroup through cgroup.freeze. */
    FREEZER("freezer", "freezer"),
    /** v1 only (a hierarchy of its own on some hosts): CPU time used; v2 keeps it in every cgroup's cpu.stat. */
    CPUACCT("cpuacct", "cpuacct");

    private final String kernelName;
    private final String v1Name;

    Controller(String kernelName, String v1Name) {
        this.kernelName = kernelName;
        this.v1Name = v1Name;
    }

    /**
     * Its name in cgroup v2 (cgroup.controllers).
     *
     * @return the v2 name
     */
    public String kernelName() {
        return kernelName;
    }

    /**
     * Its name as a cgroup v1 hierarchy ("blkio" for io).
     *
     * @return the v1 name
     */
    public String v1Name() {
        return v1Name;
    }
}
