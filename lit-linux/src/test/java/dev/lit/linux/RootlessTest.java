package dev.lit.linux;

import static dev.lit.linux.ContainerIsolationTest.shSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.lit.Container;
import dev.lit.InvalidSpecException;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.Leaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-root user runs containers in a user namespace of their own. run-tests runs this
 * group as an unprivileged user it creates (.ci/rootless-lane.sh).
 */
@Tag("rootless")
class RootlessTest {

    @BeforeEach
    void unprivileged() {
        assumeFalse(Host.isRoot(), "runs as an unprivileged user: ./run-tests runs this group as one (.ci/rootless-lane.sh)");
    }

    @Test
    void theUserIsRootInsideWithItsOwnIdMappedToZero() throws Exception {
        RunResult r = Lit.run(shSpec("id -u; head -1 /proc/self/uid_map; grep CapEff /proc/self/status"));
        List<String> lines = r.stdoutText().lines().map(String::strip).toList();
        assertEquals("0", lines.get(0));
        assertEquals(List.of("0", Integer.toString(Libc.geteuid()), "1"), List.of(lines.get(1).split("\\s+")));
        assertTrue(lines.get(2).endsWith("00000000a80425fb"), "Docker's capabilities, within the user namespace: " + lines.get(2));
    }

    @Test
    void subordinateIdsGiveAFullRangeWhenTheUserHasThem() throws Exception {
        String user = System.getProperty("user.name");
        boolean hasRange = Files.readAllLines(Path.of("/etc/subuid")).stream().anyMatch(l -> l.startsWith(user + ":"));
        RunResult r = Lit.run(shSpec("wc -l < /proc/self/uid_map"));
        assertEquals(hasRange ? "2" : "1", r.stdoutText().strip());
    }

    @Test
    void theHostBaseIsReadOnlyWithWritableScratchDirectories() throws Exception {
        RunResult r = Lit.run(shSpec("echo x > /etc/lit-probe 2>/dev/null && echo wrote-etc; echo ok > /tmp/t && cat /tmp/t; hostname"));
        assertEquals(List.of("ok", r.id()), r.stdoutText().lines().toList());
        assertFalse(Files.exists(Path.of("/etc/lit-probe")));
    }

    @Test
    void aDirectoryBaseGetsAnOverlayAndWritesLandInTheUpperLayer(@TempDir Path tmp) throws Exception {
        Path base = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = Lit.start(shSpec("echo new > /etc/written; cat /etc/motd").base("dir:" + base).build())) {
            assertEquals(0, c.waitFor().code());
            Path upper = ((LinuxRuntime) Lit.runtime()).stateRoot().containers().resolve(c.id()).resolve("upper");
            assertEquals("new\n", Files.readString(upper.resolve("etc/written")));
            assertFalse(Files.exists(base.resolve("etc/written")));
        }
    }

    @Test
    void limitsWithoutADelegatedCgroupAreAClearError() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Lit.run(shSpec("true").memory("64M").build()));
        assertEquals("resources", e.field());
        assertTrue(e.getMessage().contains("delegated"), e.getMessage());
        Leaks.assertNone();
    }

    @Test
    void closingLeavesNothingBehind() throws Exception {
        try (Container c = Lit.start(shSpec("sleep 30").build())) {
            assertTrue(c.isAlive());
        }
        Leaks.assertNone();
    }
}
