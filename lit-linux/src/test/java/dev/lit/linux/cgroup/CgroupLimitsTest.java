package dev.lit.linux.cgroup;

import static dev.lit.linux.cgroup.CgroupTesting.dirOf;
import static dev.lit.linux.cgroup.CgroupTesting.keyed;
import static dev.lit.linux.cgroup.CgroupTesting.pureV2;
import static dev.lit.linux.cgroup.CgroupTesting.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.testing.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Limits the kernel enforces on a container, on both cgroup layouts: the memory limit ends in
 * an OOM kill reported as such, the pids limit contains a fork loop, the cpu quota holds the
 * container near its share, and the container sees its own cgroup as the root.
 */
@Tag("cgroup")
@Timeout(180)
class CgroupLimitsTest {

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    @Test
    void memoryLimitEndsInAnOomKillReportedAsSuch() throws Exception {
        // perl-base is essential on Debian: a 256 MiB string in a 64 MiB cgroup without swap
        try (Container c = Lit.start(sh("exec perl -e '$x = \"a\" x (256 * 1024 * 1024); print \"survived\\n\"'")
                .memory("64M").build())) {
            RunResult r = c.result();
            assertInstanceOf(ExitStatus.OomKilled.class, r.status(), () -> "expected an OOM kill, got " + r + " out=" + r.stdoutText() + " err=" + r.stderrText());
            assertEquals(137, r.exitCode());
            assertTrue(!r.stdoutText().contains("survived"), r.stdoutText());
            Path memory = dirOf(c.id(), Controller.MEMORY);
            if (pureV2()) {
                assertTrue(keyed(memory.resolve("memory.events"), "oom_kill").orElse(0) >= 1, CgroupTesting.read(memory.resolve("memory.events")));
                assertTrue(keyed(memory.resolve("memory.events"), "max").orElse(0) >= 1, CgroupTesting.read(memory.resolve("memory.events")));
            } else {
                assertTrue(keyed(memory.resolve("memory.oom_control"), "oom_kill").orElse(0) >= 1, CgroupTesting.read(memory.resolve("memory.oom_control")));
            }
        }
    }

    @Test
    void containerWithinItsMemoryLimitIsNotKilled() throws Exception {
        RunResult r = Lit.run(sh("exec perl -e '$x = \"a\" x (8 * 1024 * 1024); print \"survived\\n\"'").memory("64M").build());
        assertEquals(new ExitStatus.Exited(0), r.status(), r::stderrText);
        assertEquals("survived\n", r.stdoutText());
    }

    @Test
    void aContainerReadsItsOwnLimitsUnderSysFsCgroupReadOnly() throws Exception {
        // what a JVM or a Python runtime in the container sizes itself from
        String file = pureV2() ? "/sys/fs/cgroup/memory.max" : "/sys/fs/cgroup/memory/memory.limit_in_bytes";
        RunResult r = Lit.run(sh("cat " + file + "; echo 1 > " + file + " 2>/dev/null && echo writable || echo read-only")
                .memory("64M").build());
        assertEquals(new ExitStatus.Exited(0), r.status(), r::stderrText);
        assertEquals(67108864 + "\nread-only\n", r.stdoutText());
    }

    @Test
    void aJvmInTheContainerSizesItsHeapFromTheContainersLimit() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        RunResult r = Lit.run(Container.builder().entrypoint(List.of(java, "-XX:+PrintFlagsFinal", "-version")).memory("256M").build());
        assertEquals(new ExitStatus.Exited(0), r.status(), r::stderrText);
        Matcher m = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)").matcher(r.stdoutText());
        assertTrue(m.find(), r.stdoutText());
        // a share of the 256 MiB it sees (the JVM's ergonomics take half of a memory this small), not of the host's
        long heap = Long.parseLong(m.group(1));
        assertTrue(heap > 0 && heap <= 128L * 1024 * 1024, "MaxHeapSize " + heap + " under a 256M limit");
    }

    @Test
    void pidsLimitContainsAForkLoop() throws Exception {
        // perl's fork returns undef once the pids limit is reached; the shell would just die
        String script = "exec perl -e 'my $n = 0; for (1..60) { my $p = fork; last unless defined $p;"
                + " if ($p == 0) { sleep 120; exit 0 } $n++ } print \"forked $n\\n\"; exit 0'";
        try (Container c = Lit.start(sh(script).pids(20).build())) {
            RunResult r = c.result();
            assertEquals(new ExitStatus.Exited(0), r.status(), r::stderrText);
            Matcher m = Pattern.compile("forked (\\d+)").matcher(r.stdoutText());
            assertTrue(m.find(), r.stdoutText());
            int forked = Integer.parseInt(m.group(1));
            // 20 tasks: Lit's init, perl and its children
            assertTrue(forked >= 10 && forked <= 18, "forked " + forked + " children under pids.max=20");
            Path pids = dirOf(c.id(), Controller.PIDS);
            assertEquals("20", CgroupTesting.read(pids.resolve("pids.max")));
            assertTrue(keyed(pids.resolve("pids.events"), "max").orElse(0) >= 1, CgroupTesting.read(pids.resolve("pids.events")));
        }
    }

    @Test
    void cpuQuotaHoldsTheContainerNearItsShare() throws Exception {
        try (Container c = Lit.start(sh("while :; do :; done").cpus("0.5").build())) {
            Path cpu = dirOf(c.id(), Controller.CPU);
            Thread.sleep(500);
            long wall0 = System.nanoTime();
            long used0 = cpuMicros(cpu);
            Thread.sleep(3000);
            long used1 = cpuMicros(cpu);
            long wall1 = System.nanoTime();
            double share = (used1 - used0) / ((wall1 - wall0) / 1000.0);
            long throttled = keyed(cpu.resolve("cpu.stat"), "nr_throttled").orElse(-1);
            System.out.printf("cpu quota 0.5: measured share %.3f, nr_throttled %d (%s)%n", share, throttled, pureV2() ? "v2 cpu.stat usage_usec" : "v1 /proc/PID/stat");
            assertTrue(share <= 0.6, "a 0.5 cpu container used " + share + " cpu");
            assertTrue(share >= 0.25, "a busy 0.5 cpu container used only " + share + " cpu");
            assertTrue(throttled > 0, "the busy container was never throttled: " + CgroupTesting.read(cpu.resolve("cpu.stat")));
            if (pureV2()) {
                assertEquals("50000 100000", CgroupTesting.read(cpu.resolve("cpu.max")));
            } else {
                assertEquals("50000", CgroupTesting.read(cpu.resolve("cpu.cfs_quota_us")));
                assertEquals("100000", CgroupTesting.read(cpu.resolve("cpu.cfs_period_us")));
            }
        }
    }

    /** The cgroup's own cpu time: usage_usec on v2; on v1 (Lit does not use cpuacct) the sum over its processes. */
    private static long cpuMicros(Path cpu) {
        if (pureV2()) {
            return keyed(cpu.resolve("cpu.stat"), "usage_usec").orElseThrow();
        }
        long ticks = 0;
        for (long pid : CgroupTesting.procs(cpu)) {
            ticks += CgroupTesting.cpuTicks(pid);
        }
        return ticks * 1_000_000 / 100; // USER_HZ is 100 on Linux
    }

    @Test
    void containerSeesItsOwnCgroupAsTheRoot() throws Exception {
        RunResult r = Lit.run(sh("cat /proc/self/cgroup").memory("64M").build());
        assertEquals(0, r.exitCode(), r::stderrText);
        List<String> lines = r.stdoutText().lines().toList();
        if (pureV2()) {
            assertEquals(List.of("0::/"), lines);
        } else {
            assertTrue(!lines.isEmpty());
            for (String line : lines) {
                assertTrue(line.endsWith(":/"), "inside its cgroup namespace the container should be at / in every hierarchy: " + lines);
            }
        }
    }
}
