package dev.lit.linux;

import static dev.lit.linux.ContainerIsolationTest.shSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.Leaks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every mount, cgroup, process and directory Lit makes is gone after close and after a failed start. */
@Tag("root")
@Tag("cgroup")
class CleanupTest {

    @BeforeEach
    void rootAndClean() {
        Host.assumeRoot();
        Lit.runtime().collectGarbage();
        Leaks.assertNone();
    }

    @Test
    void fiftyStartCloseCyclesLeaveNothingBehind() throws Exception {
        ContainerSpec spec = shSpec("sleep 30").memory("32M").pids(16).cpus("0.5").build();
        for (int i = 0; i < 50; i++) {
            try (Container c = Lit.start(spec)) {
                assertTrue(c.isAlive());
            }
        }
        Leaks.assertNone();
    }

    @Test
    void aStartThatFailsHalfWayLeavesNothingBehindAndNamesTheStep() {
        LitException e = assertThrows(LitException.class,
                () -> Lit.start(shSpec("true").workdir("/proc/no-such-dir/app").memory("32M").build()));
        assertTrue(e.getMessage().contains("mkdir") && e.getMessage().contains("/proc/no-such-dir"), e.getMessage());
        Leaks.assertNone();
    }

    @Test
    void aCommandThatCannotBeFoundLeavesNothingBehind() {
        assertThrows(LitException.class, () -> Lit.start(Container.builder().entrypoint("/nope").pids(8).build()));
        Leaks.assertNone();
    }

    @Test
    void closingARunningContainerKillsEverythingInIt() throws Exception {
        Container c = Lit.start(shSpec("sleep 60 & sleep 60 & wait").build());
        long pid = c.pid();
        c.close();
        assertTrue(ProcessHandle.of(pid).isEmpty(), "PID 1 is gone");
        assertEquals(0, Host.processesNamed("sleep").stream().filter(p -> ProcessHandle.of(p).flatMap(h -> h.parent())
                .map(pp -> pp.pid() == pid).orElse(false)).count());
        Leaks.assertNone();
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Container c = Lit.start(shSpec("true").build());
        c.waitFor();
        c.close();
        c.close();
        Leaks.assertNone();
    }
}
