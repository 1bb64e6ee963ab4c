package dev.lit.linux.stats;

import dev.lit.ContainerStats;
import dev.lit.linux.cgroup.Controller;
import dev.lit.linux.cgroup.ContainerCgroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link ContainerStats} snapshot: cpu, memory, pids and io from the cgroup files of
 * whichever version carries each controller, the network from /proc/PID/net/dev of the
 * container's PID 1 (its network namespace).
 */
public final class StatsReader {
    /** v1 reports "no limit" as a huge page-aligned number. */
    private static final long V1_UNLIMITED = Long.MAX_VALUE / 2;

    private StatsReader() {
    }

    public static ContainerStats read(ContainerCgroup cgroup, long pid) {
        Instant now = Instant.now();
        long cpu = -1;
        long throttledPeriods = -1;
        long throttledNanos = -1;
        long memory = -1;
        long memoryPeak = -1;
        long memoryLimit = -1;
        long pids = -1;
        long pidsLimit = -1;
        long ioRead = -1;
        long ioWrite = -1;

        Optional<ContainerCgroup.Directory> cpuDir = dir(cgroup, Controller.CPU);
        Optional<ContainerCgroup.Directory> unified = cgroup.unified();
        if (unified.isPresent() && unified.get().version() == 2) {
            // cpu.stat's usage is kept by every v2 cgroup, with or without the cpu controller
            Map<String, Long> stat = keyed(unified.get().path().resolve("cpu.stat"));
            cpu = times(stat.get("usage_usec"), 1000);
            throttledPeriods = stat.getOrDefault("nr_throttled", -1L);
            throttledNanos = times(stat.get("throttled_usec"), 1000);
        }
        Optional<ContainerCgroup.Directory> cpuacct = dir(cgroup, Controller.CPUACCT);
        if (cpuacct.isPresent()) {
            cpu = number(cpuacct.get().path().resolve("cpuacct.usage")).orElse(cpu);
        }
        if (cpuDir.isPresent() && cpuDir.get().version() == 1) {
            Path d = cpuDir.get().path();
            Map<String, Long> stat = keyed(d.resolve("cpu.stat"));
            throttledPeriods = stat.getOrDefault("nr_throttled", throttledPeriods);
            throttledNanos = stat.getOrDefault("throttled_time", throttledNanos);
        }

        Optional<ContainerCgroup.Directory> memDir = dir(cgroup, Controller.MEMORY);
        if (memDir.isPresent()) {
            Path d = memDir.get().path();
            if (memDir.get().version() == 2) {
                memory = number(d.resolve("memory.current")).orElse(-1L);
                memoryPeak = number(d.resolve("memory.peak")).orElse(-1L);
                memoryLimit = number(d.resolve("memory.max")).orElse(-1L);
            } else {
                memory = number(d.resolve("memory.usage_in_bytes")).orElse(-1L);
                memoryPeak = number(d.resolve("memory.max_usage_in_bytes")).orElse(-1L);
                memoryLimit = number(d.resolve("memory.limit_in_bytes")).filter(v -> v < V1_UNLIMITED).orElse(-1L);
            }
        }

        Optional<ContainerCgroup.Directory> pidsDir = dir(cgroup, Controller.PIDS);
        if (pidsDir.isPresent()) {
            pids = number(pidsDir.get().path().resolve("pids.current")).orElse(-1L);
            pidsLimit = number(pidsDir.get().path().resolve("pids.max")).orElse(-1L);
        }

        Optional<ContainerCgroup.Directory> ioDir = dir(cgroup, Controller.IO);
        if (ioDir.isPresent()) {
            long[] rw = ioDir.get().version() == 2 ? ioStatV2(ioDir.get().path().resolve("io.stat"))
                    : ioStatV1(ioDir.get().path().resolve("blkio.throttle.io_service_bytes"));
            ioRead = rw[0];
            ioWrite = rw[1];
        }

        long[] net = netDev(Path.of("/proc", Long.toString(pid), "net", "dev"));
        return new ContainerStats(now, cpu, throttledPeriods, throttledNanos, memory, memoryPeak, memoryLimit, pids, pidsLimit,
                ioRead, ioWrite, net[0], net[1]);
    }

    private static Optional<ContainerCgroup.Directory> dir(ContainerCgroup cgroup, Controller c) {
        return Optional.ofNullable(cgroup.controllers().get(c));
    }

    private static long times(Long value, long factor) {
        return value == null ? -1 : value * factor;
    }

    /** A single number; "max" (no limit) and unreadable files are empty. */
    private static Optional<Long> number(Path file) {
        try {
            String s = Files.readString(file).strip();
            return s.equals("max") ? Optional.of(-1L) : Optional.of(Long.parseLong(s));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Long> keyed(Path file) {
        Map<String, Long> values = new HashMap<>();
        for (String line : lines(file)) {
            String[] kv = line.strip().split("\\s+");
            if (kv.length == 2) {
                try {
                    values.put(kv[0], Long.parseLong(kv[1]));
                } catch (NumberFormatException ignored) {
                    // not a counter
                }
            }
        }
        return values;
    }

    /** "MAJ:MIN rbytes=N wbytes=N ..." per device. */
    private static long[] ioStatV2(Path file) {
        long read = 0;
        long write = 0;
        for (String line : lines(file)) {
            for (String field : line.split("\\s+")) {
                if (field.startsWith("rbytes=")) {
                    read += Long.parseLong(field.substring(7));
                } else if (field.startsWith("wbytes=")) {
                    write += Long.parseLong(field.substring(7));
                }
            }
        }
        return new long[] {read, write};
    }

    /** "MAJ:MIN Read N" and "MAJ:MIN Write N" per device, plus a "Total" line. */
    private static long[] ioStatV1(Path file) {
        long read = 0;
        long write = 0;
        for (String line : lines(file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[1].equals("Read")) {
                read += Long.parseLong(f[2]);
            } else if (f.length == 3 && f[1].equals("Write")) {
                write += Long.parseLong(f[2]);
            }
        }
        return new long[] {read, write};
    }

    /** Sums received and sent bytes over the interfaces of the namespace; -1 when unreadable. */
    static long[] netDev(Path file) {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return new long[] {-1, -1};
        }
        long rx = 0;
        long tx = 0;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue; // the two header lines
            }
            String[] f = line.substring(colon + 1).strip().split("\\s+");
            if (f.length >= 9) {
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
            }
        }
        return new long[] {rx, tx};
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
