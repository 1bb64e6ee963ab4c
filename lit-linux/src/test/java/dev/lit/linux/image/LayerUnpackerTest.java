package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.linux.ffm.FileSyscalls;
import dev.lit.linux.ffm.Libc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayerUnpackerTest {
    @TempDir
    Path tmp;
    Path layer;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        layer = Files.createDirectories(tmp.resolve("box/layer"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private long unpack(byte[] tar) throws IOException {
        return new LayerUnpacker(layer).unpack(new ByteArrayInputStream(tar));
    }

    @Test
    void readsPaxAndGnuLongNamesAndXattrs() throws IOException {
        String longName = "a/" + "b".repeat(120) + "/c.txt";
        String gnuName = "g/" + "h".repeat(150);
        byte[] pax = new TarBuilder().file(longName, 0640, 0, 0, "pax", Map.of("user.color", "blue")).build();
        byte[] gnu = new TarBuilder().gnuLongNames().file(gnuName, 0600, "gnu").build();
        unpack(pax);
        unpack(gnu);
        assertEquals("pax", Files.readString(layer.resolve(longName)));
        assertEquals("gnu", Files.readString(layer.resolve(gnuName)));
        assertArrayEquals("blue".getBytes(), FileSyscalls.lgetxattr(layer.resolve(longName), "user.color"));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(layer.resolve(longName))));
    }

    @Test
    void keepsModesOwnersTimesLinksAndDevices() throws IOException {
        unpack(new TarBuilder()
                .dir("d/", 0750)
                .file("d/suid", 04755, 1000, 1001, "s", Map.of())
                .file("d/f", 0644, "data")
                .hardlink("d/hard", "d/f")
                .symlink("d/sym", "/etc/shadow")
                .fifo("d/fifo")
                .charDevice("d/null", 1, 3)
                .build());
        Path suid = layer.resolve("d/suid");
        assertEquals(04755, (Integer) Files.getAttribute(suid, "unix:mode") & 07777);
        if (Libc.geteuid() == 0) {
            assertEquals(1000, Files.getAttribute(suid, "unix:uid"));
            assertEquals(1001, Files.getAttribute(suid, "unix:gid"));
            assertEquals(0x103L, ((Long) Files.getAttribute(layer.resolve("d/null"), "unix:rdev")) & 0xffff);
        }
        assertEquals(FileTime.fromMillis(1_700_000_000_000L), Files.getLastModifiedTime(layer.resolve("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(FileTime.fromMillis(1_700_000_000_000L), Files.getLastModifiedTime(layer.resolve("d/sym"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(2, Files.getAttribute(layer.resolve("d/f"), "unix:nlink"));
        assertTrue(Files.isSameFile(layer.resolve("d/f"), layer.resolve("d/hard")));
        assertEquals(Path.of("/etc/shadow"), Files.readSymbolicLink(layer.resolve("d/sym")));
        assertEquals(0750, (Integer) Files.getAttribute(layer.resolve("d"), "unix:mode") & 07777);
    }

    @Test
    void ociWhiteoutsBecomeOverlayWhiteouts() throws IOException {
        unpack(new TarBuilder()
                .file("etc/.wh.motd", 0644, "")
                .dir("opt/", 0755)
                .file("opt/.wh..wh..opq", 0644, "")
                .file("opt/new", 0644, "n")
                .file(".wh..wh.plnk", 0644, "")
                .build());
        Path whiteout = layer.resolve("etc/motd");
        int mode = (Integer) Files.getAttribute(whiteout, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(FileSyscalls.S_IFCHR, mode & 0170000);
        assertEquals(0L, Files.getAttribute(whiteout, "unix:rdev", LinkOption.NOFOLLOW_LINKS));
        if (Libc.geteuid() == 0) {
            assertArrayEquals("y".getBytes(), FileSyscalls.lgetxattr(layer.resolve("opt"), "trusted.overlay.opaque"));
        }
        assertArrayEquals("y".getBytes(), FileSyscalls.lgetxattr(layer.resolve("opt"), "user.overlay.opaque"));
        assertFalse(Files.exists(layer.resolve("opt/.wh..wh..opq")));
        assertFalse(Files.exists(layer.resolve(".wh..wh.plnk")));
    }

    @Test
    void laterEntriesReplaceEarlierOnes() throws IOException {
        unpack(new TarBuilder().file("x", 0644, "one").dir("x/", 0755).file("x/y", 0644, "two").symlink("x", "elsewhere").build());
        assertTrue(Files.isSymbolicLink(layer.resolve("x")));
    }

    static Stream<byte[]> escapes() {
        return Stream.of(
                new TarBuilder().file("../escaped", 0644, "x").build(),
                new TarBuilder().file("a/../../escaped", 0644, "x").build(),
                new TarBuilder().file("/abs/escaped", 0644, "x").build(),
                // a symbolic link planted by an earlier entry, then an entry through it
                new TarBuilder().symlink("link", "../../outside").file("link/escaped", 0644, "x").build(),
                new TarBuilder().symlink("link", "/").file("link/tmp/escaped", 0644, "x").build(),
                new TarBuilder().dir("d/", 0755).symlink("d/up", "..").file("d/up/up/escaped", 0644, "x").build(),
                // a hard link to a file outside the layer, directly or through a link
                new TarBuilder().hardlink("hl", "../../outside/target").build(),
                new TarBuilder().symlink("link", "../../outside").hardlink("hl", "link/target").build(),
                // a whiteout that would hide something outside
                new TarBuilder().symlink("link", "../../outside").file("link/.wh.target", 0644, "").build(),
                new TarBuilder().symlink("link", "../../outside").file("link/.wh..wh..opq", 0644, "").build(),
                // a directory entry that would chmod the link's target
                new TarBuilder().symlink("link", "../../outside").dir("link/sub/", 0777).build());
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void everyEscapeIsRefusedAndNothingIsWrittenOutside(byte[] tar) throws IOException {
        Files.writeString(outside.resolve("target"), "original");
        long before = Files.getLastModifiedTime(outside).toMillis();
        LayerUnpacker.UnsafeEntryException e = assertThrows(LayerUnpacker.UnsafeEntryException.class, () -> unpack(tar));
        assertTrue(e.getMessage().startsWith("refused tar entry"), e.getMessage());
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("target")), s.toList());
        }
        assertEquals("original", Files.readString(outside.resolve("target")));
        assertEquals(1, Files.getAttribute(outside.resolve("target"), "unix:nlink"));
        assertEquals(before, Files.getLastModifiedTime(outside).toMillis());
        try (Stream<Path> s = Files.list(tmp.resolve("box"))) {
            assertEquals(List.of(layer), s.toList());
        }
        assertFalse(Files.exists(Path.of("/abs/escaped")));
        assertFalse(Files.exists(tmp.resolve("escaped")));
    }

    @Test
    void corruptHeadersAreErrors() {
        byte[] tar = new TarBuilder().file("f", 0644, "x").build();
        tar[0] ^= 1;
        IOException e = assertThrows(IOException.class, () -> unpack(tar));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(new TarBuilder().file("f", 0644, "x".repeat(2000)).build(), 1024);
        assertThrows(IOException.class, () -> unpack(cut));
    }
}
