package dev.lit.linux;

import static dev.lit.linux.ContainerIsolationTest.shSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.DetachedContainer;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.Mount;
import dev.lit.RunResult;
import dev.lit.Volume;
import dev.lit.Volumes;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.Leaks;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Named volumes: created on first use, shared by containers, kept after them, removed only when unused. */
@Tag("root")
@Tag("cgroup")
class VolumeTest {
    private final String name = "lit-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private Volumes volumes;

    @BeforeEach
    void root() {
        Host.assumeRoot();
        volumes = Lit.runtime().volumes();
    }

    @AfterEach
    void removeVolume() {
        if (volumes != null && volumes.find(name).isPresent()) {
            volumes.remove(name);
        }
    }

    @Test
    void aVolumeIsCreatedOnFirstUseAndItsDataOutlivesTheContainer() throws Exception {
        assertTrue(volumes.find(name).isEmpty());
        RunResult write = Lit.run(shSpec("echo kept > /data/file").mount(Mount.volume(name, "/data")).build());
        assertEquals(0, write.exitCode(), write.stderrText());
        Volume v = volumes.find(name).orElseThrow();
        assertTrue(volumes.list().contains(v));
        assertEquals("kept\n", Files.readString(v.path().resolve("file")));

        RunResult read = Lit.run(shSpec("cat /data/file; echo more > /data/file").mount(Mount.volumeReadOnly(name, "/data")).build());
        assertEquals("kept\n", read.stdoutText());
        assertNotEquals(0, read.exitCode(), "a read-only volume refuses writes");
        Leaks.assertNoneOf(List.of());
    }

    @Test
    void aVolumeInUseIsNotRemovedAndGoesOnceItsContainerIsRemoved() throws Exception {
        DetachedContainer c = Lit.startDetached(shSpec("exec sleep 60").mount(Mount.volume(name, "/data")));
        try {
            LitException running = assertThrows(LitException.class, () -> volumes.remove(name));
            assertTrue(running.getMessage().contains(c.id()), running.getMessage());
            c.stop(Duration.ofSeconds(5));
            LitException kept = assertThrows(LitException.class, () -> volumes.remove(name));
            assertTrue(kept.getMessage().contains("in use by container " + c.id()), kept.getMessage());
        } finally {
            c.forceRemove();
        }
        volumes.remove(name);
        assertFalse(volumes.find(name).isPresent());
        assertThrows(LitException.class, () -> volumes.remove(name), "no such volume");
    }
}
