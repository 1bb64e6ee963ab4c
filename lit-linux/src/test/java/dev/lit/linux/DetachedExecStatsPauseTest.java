package dev.lit.linux;

import static dev.lit.linux.testing.DetachedContainers.dir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerStats;
import dev.lit.DetachedContainer;
import dev.lit.ExecFailedException;
import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.RunResult;
import dev.lit.linux.testing.DetachMain;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.DetachedContainers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** exec, stats, pause and resume on detached containers, from a JVM that did not start them. */
@Tag("root")
@Tag("cgroup")
class DetachedExecStatsPauseTest {
    private final DetachedContainers started = new DetachedContainers();

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    @AfterEach
    void removeAll() throws Exception {
        started.removeAllAndCheck();
    }

    private DetachedContainer inAnotherJvm(String script) throws Exception {
        String name = "dexec-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        DetachMain.runInAnotherJvm(name, script);
        DetachedContainer c = Lit.find(name).orElseThrow();
        started.add(c);
        return c;
    }

    @Test
    void anExecRunsInTheContainerOfAnotherJvmWithItsEnvironmentAndReturnsItsStatus() throws Exception {
        DetachedContainer c = Lit.startDetached(Container.builder().env("FROM_SPEC", "spec-value").workdir("/tmp")
                .entrypoint(List.of("/bin/sh", "-c", "exec sleep 60")).build());
        started.add(c);
        DetachedContainer elsewhere = inAnotherJvm("exec sleep 60");

        RunResult r = c.exec(ExecSpec.builder("/bin/sh", "-c", "echo $FROM_SPEC $EXTRA; pwd; hostname; exit 5")
                .env("EXTRA", "added").build()).result();
        assertEquals(5, r.status().code(), r::toString);
        assertEquals("spec-value added\n/tmp\n" + c.id() + "\n", r.stdoutText(), "the container's env, workdir and UTS namespace");

        try (ExecProcess p = elsewhere.exec(ExecSpec.builder("/bin/sh", "-c", "hostname; cat /proc/1/comm").build())) {
            RunResult other = p.result();
            assertEquals(0, other.status().code(), other::toString);
            assertTrue(other.stdoutText().startsWith(elsewhere.id() + "\n"), "its namespaces, though another JVM started it: " + other.stdoutText());
        }

        ExecFailedException missing = assertThrows(ExecFailedException.class, () -> c.exec("/no/such/command"));
        assertTrue(missing.notFound(), missing.getMessage());
    }

    @Test
    void statsShowTheMemoryAndProcessesOfADetachedContainer() throws Exception {
        DetachedContainer c = inAnotherJvm("sleep 60 & sleep 60 & exec sleep 60");
        ContainerStats s = c.stats();
        assertTrue(s.memoryBytes() > 0, s.toString());
        assertTrue(s.pids() >= 3, "three sleeps (and the init): " + s);
    }

    @Test
    void aPausedContainerGetsNoCpuTimeUntilResumedAndCanStillBeStopped() throws Exception {
        DetachedContainer c = inAnotherJvm("while :; do :; done");
        Thread.sleep(200);
        c.pause();
        assertTrue(c.isPaused());
        long frozenAt = c.stats().cpuUsageNanos();
        Thread.sleep(500);
        assertEquals(frozenAt, c.stats().cpuUsageNanos(), "no CPU time while paused");
        LitException refused = assertThrows(LitException.class, () -> c.exec("/bin/true"));
        assertTrue(refused.getMessage().contains("paused"), refused.getMessage());

        c.resume();
        assertFalse(c.isPaused());
        Thread.sleep(300);
        assertTrue(c.stats().cpuUsageNanos() > frozenAt + 50_000_000L, "it runs again");

        c.pause();
        c.stop(Duration.ofSeconds(5));
        assertFalse(c.isAlive(), "a paused container is thawed to be stopped");
        assertThrows(LitException.class, c::pause, "only a running container pauses");
    }
}
