package dev.lit.linux.optimize;

import dev.lit.MemoryTuningEvent.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * cgroup v2: memory.current, memory.stat, memory.events and memory.pressure (PSI) in; the soft
 * limit is memory.high, and a step down first asks memory.reclaim (Linux 5.19+) to push the
 * difference out at once, so the workload is not throttled to get there.
 */
final class CgroupV2Memory implements MemoryFiles {
    private final Path dir;
    private final boolean hasReclaim;

    CgroupV2Memory(Path dir) {
        this.dir = dir;
        this.hasReclaim = Files.exists(dir.resolve("memory.reclaim"));
    }

    @Override
    public MemoryReading read() {
        long now = System.nanoTime();
        long current = MemoryFiles.number(dir.resolve("memory.current"));
        Map<String, Long> stat = MemoryFiles.keyed(dir.resolve("memory.stat"));
        Map<String, Long> events = MemoryFiles.keyed(dir.resolve("memory.events"));
        long shmem = stat.getOrDefault("shmem", 0L);
        long file = stat.getOrDefault("file", 0L);
        return new MemoryReading(now, current, stat.getOrDefault("anon", 0L) + shmem, Math.max(0, file - shmem),
                stat.getOrDefault("active_file", 0L), stat.getOrDefault("inactive_file", 0L),
                events.getOrDefault("high", -1L), events.getOrDefault("max", -1L), events.getOrDefault("oom", -1L),
                events.getOrDefault("oom_kill", -1L), someTotal(dir.resolve("memory.pressure")),
                stat.getOrDefault("workingset_refault_file", 0L) * 4096, -1);
    }

    /** The "some" line's total= (microseconds any task stalled on memory); -1 without PSI. */
    static long someTotal(Path pressure) {
        if (!Files.exists(pressure)) {
            return -1;
        }
        for (String line : MemoryFiles.lines(pressure)) {
            if (line.startsWith("some ")) {
                for (String field : line.split("\\s+")) {
                    if (field.startsWith("total=")) {
                        return Long.parseLong(field.substring(6));
                    }
                }
            }
        }
        return -1;
    }

    @Override
    public String apply(Decision decision, long current) {
        String note = "";
        if (decision.action() == Action.LOWER && hasReclaim && current > decision.limit()) {
            try {
                MemoryFiles.write(dir.resolve("memory.reclaim"), Long.toString(current - decision.limit()));
                note = "memory.reclaim pushed out " + TuningPolicy.size(current - decision.limit());
            } catch (TuningException e) {
                // EAGAIN: the kernel reclaimed less than asked; memory.high below does the rest
                note = "memory.reclaim could not push out all " + TuningPolicy.size(current - decision.limit());
            }
        }
        MemoryFiles.write(dir.resolve("memory.high"), decision.limit() == TuningPolicy.UNLIMITED ? "max" : Long.toString(decision.limit()));
        return note;
    }

    @Override
    public String mechanism() {
        return hasReclaim ? "memory.high with memory.reclaim" : "memory.high";
    }

    @Override
    public void close() {
    }
}
