import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.MemoryTuning;
import dev.lit.MemoryTuningEvent;
import dev.lit.Mount;
import dev.lit.RunResult;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.cgroup.Controller;
import dev.lit.linux.cgroup.Hierarchy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The optimizer benchmark: each workload runs with a static limit and with auto_memory_tune
 * under the same ceiling, interleaved; the cgroup is sampled every 100 ms. Prints one markdown
 * table row per workload and mode (medians over the rounds). Usage: OptimizerBench ROUNDS.
 */
public final class OptimizerBench {
    private static final long M = 1L << 20;
    private static final String CEILING = "256M";

    record Workload(String name, String script, boolean tmpfs) {
    }

    record Run(double avgMiB, double peakMiB, double pressuredSeconds, long oomKills, double seconds, int changes, boolean ok) {
    }

    static final List<Workload> WORKLOADS = List.of(
            // a heap (tmpfs pages: unreclaimable without swap) that grows to 144M, holds, shrinks; twice
            new Workload("heap grows then shrinks",
                    "sleep 1; for round in 1 2; do i=0; while [ $i -lt 12 ]; do dd if=/dev/zero of=/heap/$i bs=1M count=12 2>/dev/null;"
                            + " i=$((i+1)); sleep 0.25; done; sleep 2; rm -f /heap/*; sleep 3; done", true),
            // 128M written once and never read again (cold), 48M read 40 times (hot)
            new Workload("file-cache reader",
                    "dd if=/dev/zero of=/cold bs=1M count=128 2>/dev/null; dd if=/dev/urandom of=/hot bs=1M count=48 2>/dev/null; sync;"
                            + " n=0; while [ $n -lt 40 ]; do cat /hot > /dev/null; n=$((n+1)); sleep 0.2; done", false),
            // a service: a 32M start-up file (logs, unpacked assets) then steady small work
            new Workload("steady service",
                    "dd if=/dev/zero of=/startup.log bs=1M count=32 2>/dev/null; sync; n=0;"
                            + " while [ $n -lt 150 ]; do echo $n | md5sum > /dev/null; n=$((n+1)); sleep 0.1; done", false));

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Map<String, List<Run>> results = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Workload w : WORKLOADS) {
                for (boolean tuned : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    Run r = run(w, tuned);
                    System.err.printf(Locale.ROOT, "round %d %-24s %-7s %s%n", round, w.name(), tuned ? "tuned" : "static", r);
                    results.computeIfAbsent(w.name() + "|" + tuned, k -> new ArrayList<>()).add(r);
                }
            }
        }
        System.out.println("| workload | limit | avg memory held | peak | time under pressure | OOM kills | run time | limit changes |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Workload w : WORKLOADS) {
            Run s = median(results.get(w.name() + "|false"));
            Run t = median(results.get(w.name() + "|true"));
            row(w.name(), "static " + CEILING, s);
            row(w.name(), "tuned, ceiling " + CEILING, t);
            System.out.printf(Locale.ROOT, "| %s | tuned / static | **%.2fx** | %.2fx | | | %.2fx | |%n", w.name(), t.avgMiB / s.avgMiB,
                    t.peakMiB / s.peakMiB, t.seconds / s.seconds);
        }
    }

    static void row(String name, String mode, Run r) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f MiB | %.1f MiB | %.1f s | %d | %.2f s | %d |%n", name, mode, r.avgMiB, r.peakMiB,
                r.pressuredSeconds, r.oomKills, r.seconds, r.changes);
    }

    static Run median(List<Run> runs) {
        return new Run(med(runs, Run::avgMiB), med(runs, Run::peakMiB), med(runs, Run::pressuredSeconds),
                runs.stream().mapToLong(Run::oomKills).sum(), med(runs, Run::seconds), (int) med(runs, r -> r.changes),
                runs.stream().allMatch(Run::ok));
    }

    static double med(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static Run run(Workload w, boolean tuned) throws Exception {
        ContainerSpec.Builder b = Container.builder().entrypoint(List.of("/bin/sh", "-c", w.script())).memory(CEILING);
        if (w.tmpfs()) {
            b.mount(Mount.tmpfs("/heap"));
        }
        if (tuned) {
            b.autoMemoryTune(MemoryTuning.DEFAULTS.withInterval(Duration.ofMillis(500)));
        }
        AtomicInteger changes = new AtomicInteger();
        try (Container c = Lit.start(b.build())) {
            c.onMemoryTuning((MemoryTuningEvent e) -> changes.incrementAndGet());
            Path dir = memoryDir(c.id());
            long samples = 0;
            double sum = 0;
            long peak = 0;
            long pressured = 0;
            long refaults = refaults(dir);
            long started = System.nanoTime();
            while (c.isAlive()) {
                long usage;
                try {
                    usage = Long.parseLong(Files.readString(dir.resolve("memory.usage_in_bytes")).strip());
                } catch (java.io.IOException e) {
                    break;
                }
                long rf = refaults(dir);
                if (rf > refaults) {
                    pressured++;
                }
                refaults = rf;
                sum += usage;
                samples++;
                peak = Math.max(peak, usage);
                Thread.sleep(100);
            }
            long kills = oomKills(dir);
            RunResult r = c.result();
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Run(sum / Math.max(1, samples) / M, (double) peak / M, pressured / 10.0, kills, seconds, changes.get(),
                    r.exitCode() == 0);
        }
    }

    static long refaults(Path dir) throws Exception {
        for (String line : Files.readAllLines(dir.resolve("memory.stat"))) {
            if (line.startsWith("total_workingset_refault_file ")) {
                return Long.parseLong(line.split(" ")[1]);
            }
        }
        return 0;
    }

    static long oomKills(Path dir) throws Exception {
        for (String line : Files.readAllLines(dir.resolve("memory.oom_control"))) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.split(" ")[1]);
            }
        }
        return 0;
    }

    static Path memoryDir(String id) {
        CgroupManager cgroups = ((LinuxRuntime) Lit.runtime()).cgroups();
        Hierarchy h = cgroups.system().hierarchyFor(Controller.MEMORY).orElseThrow();
        return cgroups.parentIn(h).resolve(id);
    }
}
