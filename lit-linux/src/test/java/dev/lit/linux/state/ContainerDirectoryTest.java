package dev.lit.linux.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lit.linux.cgroup.ContainerCgroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerDirectoryTest {

    @Test
    void stateSurvivesARoundTripWithAwkwardPaths(@TempDir Path tmp) {
        ContainerDirectory dir = new ContainerDirectory("abc123", tmp);
        ContainerState state = new ContainerState("abc123", "web.1", new ProcessIdentity(42, 4242), new ProcessIdentity(43, 4343),
                List.of(new ContainerCgroup.Directory(1, Path.of("/sys/fs/cgroup/memory/a b\\c:d=e/lit/abc123")),
                        new ContainerCgroup.Directory(2, Path.of("/sys/fs/cgroup/ünïcode/lit/abc123"))),
                Instant.parse("2026-12-03T18:00:00Z"));
        dir.save(state);
        assertEquals(state, dir.load().orElseThrow());
        assertFalse(Files.exists(tmp.resolve("state.tmp")));
    }

    @Test
    void deleteRemovesDirectoriesItsOwnerCannotRead(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("c/work/work"));
        Files.writeString(root.resolve("f"), "x");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("---------"));
        new ContainerDirectory("c", tmp.resolve("c")).delete();
        assertFalse(Files.exists(tmp.resolve("c")));
    }
}
