package dev.lit.linux.cgroup;

import static dev.lit.linux.cgroup.CgroupTesting.dirOf;
import static dev.lit.linux.cgroup.CgroupTesting.pureV2;
import static dev.lit.linux.cgroup.CgroupTesting.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerState;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.Stdio;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** pause/resume through the cgroup freezer (v2 cgroup.freeze, v1 freezer hierarchy), stop with a grace period, state. */
@Tag("root")
@Tag("cgroup")
class PauseAndStopTest {

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    @Test
    void pauseStopsTheCpuUseAndResumeGivesItBack() throws Exception {
        try (Container c = Lit.start(sh("while :; do :; done").build())) {
            assertEquals(ContainerState.RUNNING, c.state());
            Thread.sleep(200);
            c.pause();
            assertEquals(ContainerState.PAUSED, c.state());
            if (pureV2()) {
                Path dir = CgroupTesting.existingDirsOf(c.id()).getFirst();
                assertTrue(Files.readString(dir.resolve("cgroup.events")).contains("frozen 1"));
            } else {
                assertEquals("FROZEN", Files.readString(dirOf(c.id(), Controller.FREEZER).resolve("freezer.state")).strip());
            }
            long frozenAt = c.stats().cpuUsageNanos();
            Thread.sleep(300);
            long later = c.stats().cpuUsageNanos();
            assertTrue(later - frozenAt < 5_000_000L, "a paused container used " + (later - frozenAt) + " ns of CPU in 300 ms");
            assertTrue(c.isAlive());
            c.resume();
            assertEquals(ContainerState.RUNNING, c.state());
            Thread.sleep(300);
            assertTrue(c.stats().cpuUsageNanos() - later > 50_000_000L, "a resumed container burns CPU again");
        }
    }

    @Test
    void aPausedContainerIsClosedWithoutLeftovers() throws Exception {
        String id;
        try (Container c = Lit.start(sh("sleep 600").build())) {
            id = c.id();
            c.pause();
        }
        assertEquals(java.util.List.of(), CgroupTesting.existingDirsOf(id));
    }

    @Test
    void aContainerPausedWhenItsJvmWasKilledIsCollected() throws Exception {
        String id;
        long pid;
        List<Path> dirs;
        try (ChildJvm.Running child = ChildJvm.Running.start(ChildJvm.command("hold-paused", ChildJvm.classPath()))) {
            String[] ready = child.awaitLine("READY").split(" ");
            id = ready[1];
            pid = Long.parseLong(ready[2]);
            dirs = CgroupTesting.existingDirsOf(id);
            child.process.destroyForcibly();
            child.process.waitFor();
        }
        if (!pureV2()) {
            // v1: frozen, PID 1 cannot act on its parent-death SIGKILL and stays until thawed
            // (v2 lets a killed task leave the frozen state, so there it may be gone already)
            Thread.sleep(200);
            assertTrue(CgroupTesting.alive(pid), "a frozen PID 1 outlives its JVM until the cleanup pass");
        }
        assertTrue(Lit.runtime().collectGarbage() >= 1);
        CgroupTesting.await("PID 1 " + pid + " to end", Duration.ofSeconds(10), () -> !CgroupTesting.alive(pid));
        for (Path d : dirs) {
            assertFalse(Files.exists(d), d + " is left");
        }
    }

    @Test
    void stopSendsSigtermFirst() throws Exception {
        try (Container c = Lit.start(sh("trap 'exit 7' TERM; echo ready; while :; do sleep 0.1; done").stdout(Stdio.pipe()).build())) {
            awaitReady(c);
            long t0 = System.nanoTime();
            assertEquals(new ExitStatus.Exited(7), c.stop(Duration.ofSeconds(10)));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
            assertEquals(ContainerState.EXITED, c.state());
            assertThrows(IllegalStateException.class, c::pause);
        }
    }

    @Test
    void stopKillsWhatIgnoresSigtermAfterTheTimeout() throws Exception {
        try (Container c = Lit.start(sh("trap '' TERM; echo ready; sleep 600 & wait; while :; do sleep 1; done").stdout(Stdio.pipe()).build())) {
            awaitReady(c);
            long t0 = System.nanoTime();
            ExitStatus s = c.stop(Duration.ofMillis(400));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(new ExitStatus.Signaled(9), s);
            assertTrue(ms >= 380 && ms < 5000, "stopped after " + ms + " ms");
            assertFalse(c.isAlive());
        }
    }

    @Test
    void stopResumesAPausedContainerSoItCanHandleSigterm() throws Exception {
        try (Container c = Lit.start(sh("trap 'exit 5' TERM; echo ready; while :; do sleep 0.1; done").stdout(Stdio.pipe()).build())) {
            awaitReady(c);
            c.pause();
            assertEquals(new ExitStatus.Exited(5), c.stop(Duration.ofSeconds(10)));
        }
    }

    /** Waits for the script's "ready": its trap is set (a slow machine may take long to get there). */
    private static void awaitReady(Container c) throws java.io.IOException {
        byte[] line = new byte[6];
        int n = 0;
        while (n < line.length) {
            int r = c.stdout().read(line, n, line.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        assertEquals("ready\n", new String(line, 0, n, java.nio.charset.StandardCharsets.UTF_8));
    }
}
