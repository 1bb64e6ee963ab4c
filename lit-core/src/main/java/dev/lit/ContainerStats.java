package dev.lit;

import java.time.Instant;

/**
 * A snapshot of a container's resource use, read from its cgroup (v2 or v1 files) and, for
 * the network, from its network namespace. A value the host does not account is -1; a
 * limit that is not set is -1 as well.
 *
 * @param time            when it was read
 * @param cpuUsageNanos   CPU time used by all its processes
 * @param cpuThrottledPeriods how many enforcement periods it was throttled in
 * @param cpuThrottledNanos   how long it was throttled
 * @param memoryBytes     memory in use now
 * @param memoryPeakBytes the most memory it has used
 * @param memoryLimitBytes its memory limit
 * @param pids            processes (and threads) now
 * @param pidsLimit       its pids limit
 * @param ioReadBytes     bytes read from block devices
 * @param ioWriteBytes    bytes written to block devices
 * @param networkRxBytes  bytes received on its interfaces (loopback included)
 * @param networkTxBytes  bytes sent on its interfaces (loopback included)
 */
public record ContainerStats(Instant time, long cpuUsageNanos, long cpuThrottledPeriods, long cpuThrottledNanos,
                             long memoryBytes, long memoryPeakBytes, long memoryLimitBytes, long pids, long pidsLimit,
                             long ioReadBytes, long ioWriteBytes, long networkRxBytes, long networkTxBytes) {
}
