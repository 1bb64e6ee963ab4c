package dev.lit;

import org.jspecify.annotations.Nullable;

/**
 * Limits the kernel enforces on a container through its cgroup. A null field means
 * no limit. A limit that no cgroup controller on the host can take is an error at
 * start, never a silent run without it.
 *
 * @param cpu    cpu bandwidth (CFS quota)
 * @param memory hard memory limit; the container's processes are OOM-killed past it
 * @param pids   the most processes and threads the container may hold at once
 */
public record Resources(@Nullable CpuLimit cpu, @Nullable ByteSize memory, @Nullable Long pids) {
    public static final Resources UNLIMITED = new Resources(null, null, null);

    public Resources {
        if (memory != null && memory.bytes() < 6L << 20) {
            throw new InvalidSpecException("resources.memory", "must be at least 6M (got " + memory + ")");
        }
        if (pids != null && pids < 1) {
            throw new InvalidSpecException("resources.pids", "must be at least 1 (got " + pids + ")");
        }
    }

    public boolean isUnlimited() {
        return cpu == null && memory == null && pids == null;
    }

    public Resources withCpu(@Nullable CpuLimit value) {
        return new Resources(value, memory, pids);
    }

    public Resources withMemory(@Nullable ByteSize value) {
        return new Resources(cpu, value, pids);
    }

    public Resources withPids(@Nullable Long value) {
        return new Resources(cpu, memory, value);
    }
}
