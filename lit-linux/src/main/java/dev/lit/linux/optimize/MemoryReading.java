package dev.lit.linux.optimize;

/**
 * One reading of a container's memory cgroup. Counters are cumulative since the cgroup was
 * made; the policy works on differences between two readings. A value the cgroup version
 * does not have is -1.
 *
 * @param nanos           when it was read ({@link System#nanoTime()})
 * @param current         bytes charged now (v2 memory.current, v1 memory.usage_in_bytes)
 * @param anon            anonymous and shared memory bytes: what cannot be reclaimed without swap
 * @param file            page cache bytes
 * @param activeFile      page cache bytes on the active list
 * @param inactiveFile    page cache bytes on the inactive list: the coldest, reclaimed first
 * @param highEvents      v2 memory.events high: times usage went past memory.high; -1 on v1
 * @param maxEvents       v2 memory.events max, v1 memory.failcnt: times usage hit the hard limit
 * @param oomEvents       v2 memory.events oom, v1 under_oom transitions; -1 if unknown
 * @param oomKills        processes the OOM killer ended in the cgroup
 * @param stallMicros     v2 memory.pressure "some" total (microseconds); -1 on v1
 * @param refaultedBytes  page cache bytes read back soon after being pushed out (workingset_refault_file
 *                        times the page size); the v1 stand-in for stall time
 * @param pressureNotices v1 memory.pressure_level "medium" notifications so far; -1 where unused
 */
public record MemoryReading(long nanos, long current, long anon, long file, long activeFile, long inactiveFile,
                            long highEvents, long maxEvents, long oomEvents, long oomKills, long stallMicros,
                            long refaultedBytes, long pressureNotices) {

    /**
     * Whether this reading has PSI stall time (cgroup v2).
     *
     * @return true if {@code stallMicros} was read
     */
    public boolean hasStallTime() {
        return stallMicros >= 0;
    }
}
