package dev.lit.linux.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.ffm.FileSyscalls;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import dev.lit.plugin.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Squashing two unpacked layers with overlay whiteouts and an opaque directory, dropping planted
 * leftovers and linking duplicates; the slim tree runs the same command with the same output.
 */
@Tag("root")
class ImageSlimmerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        Host.assumeRoot(); // whiteouts are character devices, opaque markers trusted.* xattrs
    }

    private static void write(Path root, String path, String text) throws Exception {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** {top, bottom}: a busybox base with leftovers, and an upper layer that changes it. */
    private List<Path> layers() throws Exception {
        Path bottom = BusyboxRootfs.create(dir.resolve("bottom"));
        write(bottom, "etc/app.conf", "old\n");
        write(bottom, "etc/removed.conf", "gone\n");
        write(bottom, "opt/data/old.txt", "old data\n");
        write(bottom, "var/lib/apt/lists/deb_InRelease", "x".repeat(5000));
        write(bottom, "srv/a.bin", "same bytes ".repeat(1000));
        write(bottom, "srv/b.bin", "same bytes ".repeat(1000));
        Path top = dir.resolve("top");
        write(top, "etc/app.conf", "new\n");
        write(top, "opt/data/new.txt", "new data\n");
        FileSyscalls.lsetxattr(top.resolve("opt/data"), "trusted.overlay.opaque", new byte[] {'y'});
        FileSyscalls.mknod(top.resolve("etc/removed.conf"), FileSyscalls.S_IFCHR, 0, 0, 0);
        write(top, "var/cache/apt/archives/curl.deb", "y".repeat(3000));
        write(top, "srv/c.bin", "same bytes ".repeat(1000));
        return List.of(top, bottom);
    }

    @Test
    void squashesDropsLeftoversAndLinksDuplicates() throws Exception {
        List<Path> layers = layers();
        Path slim = dir.resolve("slim");
        ImageSlimmer.Report r = new ImageSlimmer(Plugins.installed().slimmingRules()).slim(layers, slim);

        assertEquals("new\n", Files.readString(slim.resolve("etc/app.conf")));
        assertFalse(Files.exists(slim.resolve("etc/removed.conf")), "the whiteout deleted it");
        assertEquals(List.of("new.txt"), Files.list(slim.resolve("opt/data")).map(p -> p.getFileName().toString()).toList(),
                "the opaque directory hid what lay below");
        assertFalse(Files.exists(slim.resolve("var/lib/apt/lists/deb_InRelease")));
        assertFalse(Files.exists(slim.resolve("var/cache/apt/archives/curl.deb")));
        assertTrue(Files.isSameFile(slim.resolve("srv/a.bin"), slim.resolve("srv/b.bin")));
        assertTrue(Files.isSameFile(slim.resolve("srv/a.bin"), slim.resolve("srv/c.bin")));

        assertEquals(2, r.leftovers());
        assertEquals(8000, r.leftoverBytes());
        assertEquals(2, r.deduplicated());
        assertEquals(22000, r.dedupBytes());
        assertEquals(ImageSlimmer.bytes(layers.get(0)) + ImageSlimmer.bytes(layers.get(1)), r.bytesBefore());
        assertTrue(r.bytesAfter() < r.bytesBefore() - 30000, r::toString);
        assertEquals(List.of("slim"), Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.contains("slim")).toList(),
                "no temporary tree left beside it");
    }

    @Test
    void theSlimTreeRunsTheSameCommandWithTheSameOutput() throws Exception {
        List<Path> layers = layers();
        Path slim = dir.resolve("slim");
        new ImageSlimmer(Plugins.installed().slimmingRules()).slim(layers, slim);
        List<String> cmd = List.of("/bin/sh", "-c", "cat /etc/app.conf /opt/data/*; ls /etc; cat /srv/c.bin | wc -c");
        RunResult r = Lit.run(Container.builder().base("dir:" + slim).entrypoint(cmd));
        assertEquals(new ExitStatus.Exited(0), r.status(), r::stderrText);
        // what the two layers show through overlay: the upper's files, the whiteout and the opaque directory applied
        assertEquals("new\nnew data\napp.conf\nmotd\npasswd\n11000\n", r.stdoutText());
    }

    @Test
    void aCancelledSlimmingLeavesNothing() throws Exception {
        List<Path> layers = layers();
        Path slim = dir.resolve("slim");
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> new ImageSlimmer(List.of()).slim(layers, slim));
        } finally {
            Thread.interrupted();
        }
        assertFalse(Files.exists(slim));
        assertEquals(List.of(), Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.contains("slim")).toList());
    }
}
