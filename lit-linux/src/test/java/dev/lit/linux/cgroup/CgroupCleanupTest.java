package dev.lit.linux.cgroup;

import static dev.lit.linux.cgroup.CgroupTesting.alive;
import static dev.lit.linux.cgroup.CgroupTesting.assertGone;
import static dev.lit.linux.cgroup.CgroupTesting.existingDirsOf;
import static dev.lit.linux.cgroup.CgroupTesting.possibleDirsOf;
import static dev.lit.linux.cgroup.CgroupTesting.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A container's cgroup goes with the container: on close, and after its JVM was SIGKILLed. */
@Tag("cgroup")
@Timeout(180)
class CgroupCleanupTest {

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    @Test
    void closeRemovesTheCgroupAndItsProcesses() throws Exception {
        List<Path> dirs;
        long pid;
        try (Container c = Lit.start(sh("sleep 600 & sleep 600 & exec sleep 600").memory("64M").pids(32).cpus("1").build())) {
            pid = c.pid();
            dirs = existingDirsOf(c.id());
            assertFalse(dirs.isEmpty(), "no cgroup directory for the running container among " + possibleDirsOf(c.id()));
            for (Path d : dirs) {
                CgroupTesting.await("the container's processes in " + d, Duration.ofSeconds(30), () -> CgroupTesting.procs(d).size() >= 4);
                assertTrue(CgroupTesting.procs(d).contains(pid), d + " does not hold PID 1 " + pid + ": " + CgroupTesting.procs(d));
            }
        }
        assertGone(dirs, "after close");
        assertFalse(alive(pid), "PID 1 " + pid + " still runs after close");
    }

    @Test
    void aKilledJvmsContainerIsCollected() throws Exception {
        // Set up Lit in this JVM first: on a v2 leaf it moves itself to its supervisor cgroup,
        // which it can do only while it is alone there, before it has a child JVM.
        assertEquals(0, Lit.run(sh("true").build()).exitCode());
        LinuxRuntime runtime = (LinuxRuntime) Lit.runtime();
        String id;
        long pid;
        List<Path> dirs;
        try (ChildJvm.Running child = ChildJvm.Running.start(ChildJvm.command("hold", ChildJvm.classPath()))) {
            String[] ready = child.awaitLine("READY").split(" ");
            id = ready[1];
            pid = Long.parseLong(ready[2]);
            dirs = existingDirsOf(id);
            assertFalse(dirs.isEmpty(), "the child's container has no cgroup among " + possibleDirsOf(id));
            assertTrue(Files.isDirectory(runtime.stateRoot().containers().resolve(id)));
            assertTrue(alive(pid));
            child.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.process.waitFor();
        }
        // PID 1 may die with its JVM (Lit ties it to the JVM with a parent-death signal) or live
        // on; either way its cgroup and state directory stay behind for the cleanup pass
        List<Path> left = existingDirsOf(id);
        assertEquals(dirs, left, "the dead JVM's cgroups should be left for collectGarbage");
        assertTrue(Files.isDirectory(runtime.stateRoot().containers().resolve(id)));
        int collected = Lit.runtime().collectGarbage();
        assertTrue(collected >= 1, "collectGarbage removed " + collected + " containers");
        CgroupTesting.await("PID 1 " + pid + " to end", Duration.ofSeconds(10), () -> !alive(pid));
        assertGone(dirs, "after collectGarbage");
        assertTrue(Files.notExists(runtime.stateRoot().containers().resolve(id)), "state directory of " + id + " is left");
        assertTrue(Host.mountsContaining(id).isEmpty(), "mounts left: " + Host.mountsContaining(id));
    }

    private static String describe(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat")).strip();
        } catch (java.io.IOException e) {
            return "gone";
        }
    }
}
