package dev.lit.linux.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.linux.testing.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Measures how long a container with limits takes to start and run {@code /bin/true}, next to
 * a plain fork/exec of {@code /bin/true} from the same JVM as the yardstick. On pure v2 PID 1
 * is cloned into its cgroup (CLONE_INTO_CGROUP); on v1 the helper writes cgroup.procs in each
 * hierarchy. The figures go to stdout and, when {@code LIT_TEST_METRICS} names a file, to it;
 * docs/cgroup2-lane.md compares the ratios (the lane's VM is emulated, so absolutes differ).
 */
@Tag("cgroup")
@Timeout(300)
class StartLatencyTest {
    private static final int WARMUP = 3;
    private static final int RUNS = 15;

    @Test
    void startLatencyOfBinTrue() throws Exception {
        Host.assumeRoot();
        List<Long> start = new ArrayList<>();
        List<Long> run = new ArrayList<>();
        List<Long> fork = new ArrayList<>();
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            try (Container c = Lit.start(Container.builder().entrypoint(List.of("/bin/true")).memory("64M").cpus("1").pids(64).build())) {
                long t1 = System.nanoTime();
                assertEquals(0, c.waitFor().code());
                c.close();
                long t2 = System.nanoTime();
                if (i >= WARMUP) {
                    start.add(t1 - t0);
                    run.add(t2 - t0);
                }
            }
            long f0 = System.nanoTime();
            Process p = new ProcessBuilder("/bin/true").start();
            assertEquals(0, p.waitFor());
            long f1 = System.nanoTime();
            if (i >= WARMUP) {
                fork.add(f1 - f0);
            }
        }
        String layout = CgroupTesting.pureV2() ? "v2 (CLONE_INTO_CGROUP)" : "v1 (cgroup.procs)";
        String line = String.format(Locale.ROOT, "start-latency %s, kernel %s, %d runs: Lit.start median %.1f ms (p90 %.1f),"
                        + " start+wait+close median %.1f ms, ProcessBuilder /bin/true median %.1f ms, ratio start/fork %.1f, run/fork %.1f",
                layout, System.getProperty("os.version"), RUNS, ms(median(start)), ms(p90(start)), ms(median(run)), ms(median(fork)),
                (double) median(start) / median(fork), (double) median(run) / median(fork));
        System.out.println(line);
        String metrics = System.getenv("LIT_TEST_METRICS");
        if (metrics != null && !metrics.isBlank()) {
            try {
                Files.writeString(Path.of(metrics), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.out.println("cannot write " + metrics + ": " + e);
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long p90(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
