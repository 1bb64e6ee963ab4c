package dev.lit.linux.cgroup;

import static dev.lit.linux.cgroup.CgroupTesting.dirOf;
import static dev.lit.linux.cgroup.CgroupTesting.read;
import static dev.lit.linux.cgroup.CgroupTesting.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.testing.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lit's cgroup v2 driver on a pure v2 host (the VM of {@code .ci/cgroup2-lane}): the interface
 * files it writes, the read-only view inside, PSI, and placement with CLONE_INTO_CGROUP.
 */
@Tag("cgroup")
@Timeout(180)
class CgroupV2DriverTest {
    private static final Path TRACING = Path.of("/sys/kernel/tracing");

    @BeforeEach
    void pureV2Root() {
        Host.assumeRoot();
        Host.assumePureCgroupV2();
    }

    @Test
    void limitsAreWrittenToTheV2InterfaceFiles() throws Exception {
        try (Container c = Lit.start(sh("exec sleep 600").memory("64M").memoryHigh("48M").cpus("0.5").cpuWeight(250).pids(20).build())) {
            Path dir = dirOf(c.id(), Controller.MEMORY);
            assertEquals(dir, dirOf(c.id(), Controller.CPU), "one directory on a pure v2 host");
            assertEquals(dir, dirOf(c.id(), Controller.PIDS));
            assertEquals(List.of(dir), CgroupTesting.existingDirsOf(c.id()));
            assertEquals(Long.toString(64L << 20), read(dir.resolve("memory.max")));
            assertEquals("0", read(dir.resolve("memory.swap.max")));
            assertEquals("50000 100000", read(dir.resolve("cpu.max")));
            assertEquals("20", read(dir.resolve("pids.max")));
            assertEquals(Long.toString(48L << 20), read(dir.resolve("memory.high")));
            assertEquals("250", read(dir.resolve("cpu.weight")));
            Set<String> controllers = Set.of(read(dir.resolve("cgroup.controllers")).split(" "));
            assertTrue(controllers.containsAll(Set.of("cpu", "memory", "pids")), controllers.toString());
            assertEquals(dir.getParent(), CgroupTesting.manager().parentIn(CgroupTesting.system().unified().orElseThrow()));
            assertEquals(List.of(c.pid()), CgroupTesting.procs(dir).stream().filter(p -> p == c.pid()).toList());
        }
    }

    @Test
    void unlimitedContainerStillGetsItsOwnCgroup() throws Exception {
        try (Container c = Lit.start(sh("exec sleep 600").build())) {
            Path dir = CgroupTesting.system().unified().map(h -> CgroupTesting.manager().parentIn(h).resolve(c.id())).orElseThrow();
            assertTrue(Files.isDirectory(dir));
            assertEquals("max", read(dir.resolve("memory.max")));
            assertEquals("max", read(dir.resolve("pids.max")));
            assertEquals("max 100000", read(dir.resolve("cpu.max")));
            assertTrue(CgroupTesting.procs(dir).contains(c.pid()));
        }
    }

    @Test
    void containerSeesItsCgroupReadOnlyAtSysFsCgroup() throws Exception {
        RunResult r = Lit.run(sh("cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max /sys/fs/cgroup/cpu.max;"
                + " grep -c . /sys/fs/cgroup/cgroup.procs;"
                + " if echo 1 > /sys/fs/cgroup/pids.max; then echo writable; else echo read-only; fi;"
                + " awk '$5 == \"/sys/fs/cgroup\" {print $9, $6}' /proc/self/mountinfo")
                .memory("64M").cpus("0.5").pids(20).build());
        assertEquals(0, r.exitCode(), r::stderrText);
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals(Long.toString(64L << 20), lines.get(0), r.stdoutText());
        assertEquals("20", lines.get(1));
        assertEquals("50000 100000", lines.get(2));
        assertTrue(Integer.parseInt(lines.get(3)) >= 2, "the container's own processes (init, sh, cat...) should be listed: " + lines);
        assertEquals("read-only", lines.get(4), r.stdoutText() + r.stderrText());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("cgroup2 ")).count(), "one cgroup2 mount at /sys/fs/cgroup: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cgroup2 ro")), "the cgroup2 mount should be read-only: " + lines);
    }

    @Test
    void pressureStallFilesAreReadable() throws Exception {
        Pattern psi = Pattern.compile("some avg10=\\d+\\.\\d+ avg60=\\d+\\.\\d+ avg300=\\d+\\.\\d+ total=\\d+");
        try (Container c = Lit.start(sh("cat /sys/fs/cgroup/memory.pressure /sys/fs/cgroup/cpu.pressure /sys/fs/cgroup/io.pressure; exec sleep 600")
                .stdout(dev.lit.Stdio.pipe()).memory("64M").cpus("1").build())) {
            Path dir = dirOf(c.id(), Controller.MEMORY);
            for (String file : List.of("memory.pressure", "cpu.pressure", "io.pressure")) {
                String text = read(dir.resolve(file));
                assertTrue(psi.matcher(text).find(), file + ": " + text);
                if (!file.equals("cpu.pressure")) {
                    assertTrue(text.contains("full avg10="), file + ": " + text);
                }
            }
            // and from inside, through the container's read-only /sys/fs/cgroup
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(c.stdout(), java.nio.charset.StandardCharsets.UTF_8));
            String first = in.readLine();
            assertTrue(first != null && psi.matcher(first).find(), "memory.pressure inside: " + first);
        }
    }

    /**
     * CLONE_INTO_CGROUP forks PID 1 straight into its cgroup; the fallback forks it in the
     * JVM's cgroup and moves it with a cgroup.procs write. The cgroup:cgroup_attach_task
     * tracepoint fires for a move but not for a fork into a cgroup, so no event for the
     * container's cgroup means it was placed with CLONE_INTO_CGROUP.
     */
    @Test
    void pid1IsPlacedWithCloneIntoCgroupWithoutAMove() throws Exception {
        assumeTrue(Files.isDirectory(TRACING.resolve("instances")), "tracefs is not mounted at " + TRACING + " (the cgroup2 lane mounts it)");
        Path instance = TRACING.resolve("instances/lit-test-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(instance);
        Path scratch = null;
        Process sleeper = null;
        try {
            Files.writeString(instance.resolve("events/cgroup/cgroup_attach_task/enable"), "1");
            Files.writeString(instance.resolve("tracing_on"), "1");
            String id;
            try (Container c = Lit.start(sh("exec sleep 600").memory("64M").pids(20).build())) {
                id = c.id();
                assertTrue(CgroupTesting.procs(dirOf(id, Controller.MEMORY)).contains(c.pid()));
            }
            // positive control: a move by cgroup.procs write must show up in the same trace
            scratch = CgroupTesting.manager().parentIn(CgroupTesting.system().unified().orElseThrow()).resolve("trace-control-" + id);
            Files.createDirectories(scratch);
            sleeper = new ProcessBuilder("sleep", "600").start();
            Files.writeString(scratch.resolve("cgroup.procs"), Long.toString(sleeper.pid()));
            String control = "/" + scratch.getFileName();
            String container = "/" + id;
            CgroupTesting.await("the control move in the trace", Duration.ofSeconds(10), () -> trace(instance).contains(control + " "));
            String trace = trace(instance);
            List<String> moves = trace.lines().filter(l -> l.contains("cgroup_attach_task") && l.contains(container + " ")).toList();
            assertEquals(List.of(), moves, "PID 1 was moved into its cgroup (cgroup.procs fallback) instead of cloned into it");
            assertNotEquals(-1, trace.indexOf("pid=" + sleeper.pid()), trace);
        } finally {
            if (sleeper != null) {
                sleeper.destroyForcibly().waitFor();
            }
            if (scratch != null) {
                CgroupTesting.removeTree(scratch);
            }
            try {
                Files.writeString(instance.resolve("tracing_on"), "0");
                Files.writeString(instance.resolve("events/cgroup/cgroup_attach_task/enable"), "0");
            } finally {
                Files.delete(instance);
            }
        }
    }

    private static String trace(Path instance) {
        try {
            return Files.readString(instance.resolve("trace"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void ownCgroupIsNotLeftWithProcessesAndControllersAreDelegated() throws Exception {
        try (Container c = Lit.start(sh("exec sleep 600").memory("64M").build())) {
            Path dir = dirOf(c.id(), Controller.MEMORY);
            Path litParent = dir.getParent();
            assertEquals(List.of(), CgroupTesting.procs(litParent), "the Lit parent must hold no processes");
            Set<String> enabled = Set.of(read(litParent.resolve("cgroup.subtree_control")).split(" "));
            assertTrue(enabled.containsAll(Set.of("cpu", "memory", "pids")), "subtree_control of " + litParent + ": " + enabled);
            assertFalse(read(dir.resolve("cgroup.events")).contains("populated 0"), read(dir.resolve("cgroup.events")));
        }
    }
}
