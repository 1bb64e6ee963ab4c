package dev.lit;

import org.jspecify.annotations.Nullable;

/**
 * Limits the kernel enforces on a container through its cgroup. A null field means
 * no limit. A limit that no cgroup controller on the host can take is an error at
 * start, never a silent run without it.
 *
 * @param cpu        cpu bandwidth (CFS quota)
 * @param memory     hard memory limit; the container's processes are OOM-killed past it
 * @param pids       the most processes and threads the container may hold at once
 * @param memoryHigh soft memory limit: past it the kernel throttles and reclaims, never kills
 *                   (cgroup v2 memory.high; v1 memory.soft_limit_in_bytes)
 * @param cpuWeight  relative cpu share under contention, 1 to 10000, 100 by default
 *                   (cgroup v2 cpu.weight; v1 cpu.shares, scaled)
 */
public record Resources(@Nullable CpuLimit cpu, @Nullable ByteSize memory, @Nullable Long pids,
                        @Nullable ByteSize memoryHigh, @Nullable Integer cpuWeight) {
    /** No limit at all, the default. */
    public static final Resources UNLIMITED = new Resources(null, null, null, null, null);

    /**
     * Checks each limit's range, and that the soft memory limit is not above the hard one.
     *
     * @throws InvalidSpecException naming the limit that is out of range
     */
    public Resources {
        if (memory != null && memory.bytes() < 6L << 20) {
            throw new InvalidSpecException("resources.memory", "must be at least 6M (got " + memory + ")");
        }
        if (memoryHigh != null && memoryHigh.bytes() < 6L << 20) {
            throw new InvalidSpecException("resources.memory_high", "must be at least 6M (got " + memoryHigh + ")");
        }
        if (memoryHigh != null && memory != null && memoryHigh.compareTo(memory) > 0) {
            throw new InvalidSpecException("resources.memory_high", "the soft limit " + memoryHigh + " is above the hard limit " + memory);
        }
        if (pids != null && pids < 1) {
            throw new InvalidSpecException("resources.pids", "must be at least 1 (got " + pids + ")");
        }
        if (cpuWeight != null && (cpuWeight < 1 || cpuWeight > 10000)) {
            throw new InvalidSpecException("resources.cpu_weight", "must be between 1 and 10000 (got " + cpuWeight + ")");
        }
    }

    /**
     * Hard limits only, as most callers set them.
     *
     * @param cpu cpu bandwidth; null for none
     * @param memory hard memory limit, at least 6M; null for none
     * @param pids the most processes and threads; null for none
     */
    public Resources(@Nullable CpuLimit cpu, @Nullable ByteSize memory, @Nullable Long pids) {
        this(cpu, memory, pids, null, null);
    }

    /**
     * Whether no limit is set.
     *
     * @return true when every field is null
     */
    public boolean isUnlimited() {
        return cpu == null && memory == null && pids == null && memoryHigh == null && cpuWeight == null;
    }

    /**
     * A copy with another cpu limit.
     *
     * @param value the limit; null for none
     * @return the copy
     */
    public Resources withCpu(@Nullable CpuLimit value) {
        return new Resources(value, memory, pids, memoryHigh, cpuWeight);
    }

    /**
     * A copy with another hard memory limit.
     *
     * @param value the limit, at least 6M; null for none
     * @return the copy
     */
    public Resources withMemory(@Nullable ByteSize value) {
        return new Resources(cpu, value, pids, memoryHigh, cpuWeight);
    }

    /**
     * A copy with another process limit.
     *
     * @param value the limit, at least 1; null for none
     * @return the copy
     */
    public Resources withPids(@Nullable Long value) {
        return new Resources(cpu, memory, value, memoryHigh, cpuWeight);
    }

    /**
     * A copy with another soft memory limit.
     *
     * @param value the limit, at least 6M; null for none
     * @return the copy
     */
    public Resources withMemoryHigh(@Nullable ByteSize value) {
        return new Resources(cpu, memory, pids, value, cpuWeight);
    }

    /**
     * A copy with another cpu weight.
     *
     * @param value 1 to 10000; null for the default
     * @return the copy
     */
    public Resources withCpuWeight(@Nullable Integer value) {
        return new Resources(cpu, memory, pids, memoryHigh, value);
    }
}
