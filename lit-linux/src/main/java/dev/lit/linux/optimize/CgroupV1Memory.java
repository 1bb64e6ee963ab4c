package dev.lit.linux.optimize;

import dev.lit.MemoryTuningEvent.Action;
import dev.lit.linux.ffm.Errno;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Map;

/**
 * cgroup v1: memory.usage_in_bytes, memory.stat, memory.failcnt, memory.oom_control and
 * memory.pressure_level notifications (an eventfd registered through cgroup.event_control) in.
 * v1 has no PSI and no memory.reclaim, and its soft limit only acts when the whole host runs
 * short. So the tuner writes the soft limit (the host reclaims from this container first) and,
 * for a step down, pushes memory out with a reclaim pulse: memory.limit_in_bytes is set to the
 * new soft limit, which makes the kernel reclaim down to it right away (or fail with EBUSY, no
 * OOM kill: it gives up on what it cannot reclaim), and is put back to the hard limit at once.
 * The policy never steps below anonymous memory plus headroom, so a pulse only takes page cache.
 */
final class CgroupV1Memory implements MemoryFiles {
    private static final long UNLIMITED_V1 = 1L << 62;
    private final Path dir;
    private final long hardLimit;
    private final int eventFd;
    private long notices;

    private CgroupV1Memory(Path dir, long hardLimit, int eventFd) {
        this.dir = dir;
        this.hardLimit = hardLimit;
        this.eventFd = eventFd;
    }

    static CgroupV1Memory open(Path dir) {
        long hard = MemoryFiles.number(dir.resolve("memory.limit_in_bytes"));
        return new CgroupV1Memory(dir, hard, registerPressureNotifications(dir));
    }

    /** An eventfd that counts "medium" memory.pressure_level notifications; -1 if the kernel refuses. */
    private static int registerPressureNotifications(Path dir) {
        int efd = Libc.eventfd(Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        int levelFd = -1;
        try {
            levelFd = Libc.open(dir.resolve("memory.pressure_level").toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
            MemoryFiles.write(dir.resolve("cgroup.event_control"), efd + " " + levelFd + " medium");
            return efd;
        } catch (RuntimeException e) {
            Libc.close(efd);
            return -1;
        } finally {
            if (levelFd >= 0) {
                // the kernel holds what it needs once registered
                Libc.close(levelFd);
            }
        }
    }

    @Override
    public MemoryReading read() {
        long now = System.nanoTime();
        long usage = MemoryFiles.number(dir.resolve("memory.usage_in_bytes"));
        Map<String, Long> stat = MemoryFiles.keyed(dir.resolve("memory.stat"));
        Map<String, Long> oom = MemoryFiles.keyed(dir.resolve("memory.oom_control"));
        long shmem = stat.getOrDefault("total_shmem", 0L);
        long cache = stat.getOrDefault("total_cache", 0L);
        return new MemoryReading(now, usage, stat.getOrDefault("total_rss", 0L) + shmem, Math.max(0, cache - shmem),
                stat.getOrDefault("total_active_file", 0L), stat.getOrDefault("total_inactive_file", 0L),
                -1, MemoryFiles.number(dir.resolve("memory.failcnt")), -1, oom.getOrDefault("oom_kill", -1L), -1,
                stat.getOrDefault("total_workingset_refault_file", 0L) * 4096, eventFd < 0 ? -1 : drainNotices());
    }

    private long drainNotices() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counter = arena.allocate(ValueLayout.JAVA_LONG);
            if (Libc.read(eventFd, counter, 8) == 8) {
                notices += counter.get(ValueLayout.JAVA_LONG, 0);
            }
        } catch (SyscallException e) {
            if (e.errno() != Errno.EAGAIN) {
                throw e;
            }
        }
        return notices;
    }

    @Override
    public String apply(Decision decision, long current) {
        long limit = decision.limit();
        MemoryFiles.write(dir.resolve("memory.soft_limit_in_bytes"), limit >= UNLIMITED_V1 ? "-1" : Long.toString(limit));
        if (decision.action() != Action.LOWER || current <= limit) {
            return "";
        }
        String note;
        try {
            MemoryFiles.write(dir.resolve("memory.limit_in_bytes"), Long.toString(limit));
            note = "reclaim pulse pushed out " + TuningPolicy.size(current - limit);
        } catch (TuningException e) {
            note = "reclaim pulse stopped short (the kernel found no more to reclaim)";
        } finally {
            MemoryFiles.write(dir.resolve("memory.limit_in_bytes"), hardLimit >= UNLIMITED_V1 ? "-1" : Long.toString(hardLimit));
        }
        return note;
    }

    @Override
    public String mechanism() {
        return "memory.soft_limit_in_bytes with reclaim pulses" + (eventFd < 0 ? "" : " and memory.pressure_level notifications");
    }

    @Override
    public void close() {
        if (eventFd >= 0) {
            Libc.close(eventFd);
        }
    }
}
