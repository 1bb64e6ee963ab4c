package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.optimize.SlimImages;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * optimize.shrink_image end to end: the test busybox image (whiteouts, an opaque directory, hard
 * links, a FIFO, xattrs) plus a layer of apt leftovers; the first start builds the slim tree in the
 * background, the next start uses it and prints the same, minus the leftovers.
 */
@Tag("root")
@Timeout(120)
class ShrinkImageTest {
    @TempDir
    static Path work;
    static String previousRoot;
    static String reference;

    @BeforeAll
    static void image() throws Exception {
        Host.assumeRoot();
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        OciLayoutWriter w = new OciLayoutWriter(work.resolve("layout"));
        byte[] leftovers = new TarBuilder()
                .file("var/lib/apt/lists/deb.debian.org_InRelease", 0644, "x".repeat(20000))
                .file("var/cache/apt/archives/curl.deb", 0644, "y".repeat(30000))
                .file("data/copy-of-keep", 0644, "keep\n")
                .build();
        Descriptor manifest = w.image(List.of(
                new OciLayoutWriter.Layer(TestImages.baseLayer(), OciLayoutWriter.Compression.GZIP),
                new OciLayoutWriter.Layer(TestImages.secondLayer(), OciLayoutWriter.Compression.ZSTD),
                new OciLayoutWriter.Layer(TestImages.thirdLayer(), OciLayoutWriter.Compression.NONE),
                new OciLayoutWriter.Layer(leftovers, OciLayoutWriter.Compression.GZIP)), TestImages.config(), Platform.current(), "slim");
        w.writeIndex(List.of(new OciLayoutWriter.Entry(manifest, Platform.current(), "slim")));
        previousRoot = System.getProperty("lit.root");
        System.setProperty("lit.root", work.resolve("root").toString());
        reference = "oci:" + w.dir() + ":slim";
    }

    @AfterAll
    static void restore() {
        if (previousRoot == null) {
            System.clearProperty("lit.root");
        } else {
            System.setProperty("lit.root", previousRoot);
        }
    }

    private static final String SCRIPT = "cat /etc/motd; ls /opq /data; test -e /gone.txt || echo gone; cat /data/hl-link;"
            + " echo leftovers $(ls /var/lib/apt/lists /var/cache/apt/archives 2>/dev/null | grep -c -e InRelease -e deb)";

    private static ContainerSpec spec(boolean shrink) {
        return Container.builder().base(reference).entrypoint(List.of("/bin/sh", "-c", SCRIPT)).shrinkImage(shrink).build();
    }

    @Test
    void theNextStartUsesTheSlimTreeAndPrintsTheSame() throws Exception {
        RunResult first;
        try (Container c = Lit.start(spec(true))) {
            assertInstanceOf(Base.Image.class, c.spec().base(), "no slim tree yet: the image itself");
            first = c.result();
        }
        assertEquals(new ExitStatus.Exited(0), first.status(), first::stderrText);
        assertTrue(first.stdoutText().endsWith("leftovers 2\n"), first.stdoutText());

        List<Path> layers = ImageBases.lowerDirectories(reference);
        SlimImages slim = SlimImages.forDefaultStore();
        assertTrue(SlimImages.awaitIdle(java.time.Duration.ofSeconds(60)), "the slim job did not end within 60 s");
        Path tree = slim.slimTree(layers).orElseThrow(() -> new AssertionError("no slim tree after 60 s"));
        Properties record = slim.recordOf(layers).orElseThrow();
        assertEquals("2", record.getProperty("leftovers"));
        assertEquals("50000", record.getProperty("leftovers.bytes"));
        assertTrue(Long.parseLong(record.getProperty("bytes.after")) < Long.parseLong(record.getProperty("bytes.before")) - 50000, record::toString);
        assertTrue(Long.parseLong(record.getProperty("deduplicated")) >= 1, "data/copy-of-keep is data/keep: " + record);
        Path blob = tree.resolveSibling(record.getProperty("layer"));
        assertEquals(Long.parseLong(record.getProperty("layer.bytes")), Files.size(blob));
        assertEquals(record.getProperty("layer.digest"), Digest.of(Files.readAllBytes(blob)).toString());
        byte[] tar;
        try (var in = Decompression.open(Files.newInputStream(blob))) {
            tar = in.readAllBytes();
        }
        assertEquals(record.getProperty("layer.diff_id"), Digest.of(tar).toString());
        // GNU tar reads it back: the long pax name, the hard link and the FIFO are there
        Process list = new ProcessBuilder("tar", "-tvf", "-").redirectErrorStream(true).start();
        list.getOutputStream().write(tar);
        list.getOutputStream().close();
        String listing = new String(list.getInputStream().readAllBytes());
        assertEquals(0, list.waitFor(), listing);
        assertTrue(listing.contains(TestImages.LONG_NAME), listing);
        assertTrue(listing.contains("data/hl-link link to data/hl-source") || listing.contains("data/hl-source link to data/hl-link"), listing);
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("p") && l.endsWith("data/fifo")), listing);
        assertFalse(listing.contains("apt/lists/deb"), listing);
        CgroupManager cgroups = ((LinuxRuntime) Lit.runtime()).cgroups();
        if (!cgroups.system().isPureV2()) {
            assertTrue(record.getProperty("cpu").startsWith("nice 19, cpu.shares=2 in /sys/fs/cgroup/cpu"), record::toString);
        }
        for (var h : cgroups.system().hierarchies()) {
            try (var s = Files.list(h.ownDirectory())) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("lit-slim-")).toList(), "the job's cgroup is gone");
            }
        }

        RunResult second;
        try (Container c = Lit.start(spec(true))) {
            assertEquals(Base.directory(tree), c.spec().base());
            assertFalse(c.spec().optimize().shrinkImage());
            second = c.result();
        }
        assertEquals(new ExitStatus.Exited(0), second.status(), second::stderrText);
        assertEquals(first.stdoutText().replace("leftovers 2", "leftovers 0"), second.stdoutText());

        RunResult off = Lit.run(spec(false));
        assertEquals(first.stdoutText(), off.stdoutText(), "without shrink_image the image is used as it is");
        assertFalse(Files.exists(tree.resolve("var/lib/apt/lists/deb.debian.org_InRelease")));
    }
}
