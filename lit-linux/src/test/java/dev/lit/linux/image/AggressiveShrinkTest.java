package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.ShrinkImage;
import dev.lit.Signal;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.optimize.SlimImages;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * shrink_image at the aggressive level on the test busybox image plus a layer of app files: the
 * check runs in the running container under a fanotify mark, the slim tree keeps what it opened
 * (and the allowlist), and is kept only when the check behaves the same on it.
 */
@Tag("root")
@Timeout(180)
class AggressiveShrinkTest {
    @TempDir
    static Path work;
    static String previousRoot;
    static String reference;

    @BeforeAll
    static void image() throws Exception {
        Host.assumeRoot();
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        OciLayoutWriter w = new OciLayoutWriter(work.resolve("layout"));
        byte[] app = new TarBuilder()
                .dir("app/", 0755)
                .file("app/config.txt", 0644, "config\n")
                .file("app/main.txt", 0644, "main\n")
                .symlink("app/current", "main.txt")
                .file("app/unused-model.bin", 0644, "m".repeat(200_000))
                .file("app/unused-notes.txt", 0644, "notes\n")
                .file("var/cache/apt/archives/curl.deb", 0644, "y".repeat(30_000))
                .build();
        Descriptor manifest = w.image(List.of(
                new OciLayoutWriter.Layer(TestImages.baseLayer(), OciLayoutWriter.Compression.GZIP),
                new OciLayoutWriter.Layer(TestImages.secondLayer(), OciLayoutWriter.Compression.ZSTD),
                new OciLayoutWriter.Layer(app, OciLayoutWriter.Compression.GZIP)), TestImages.config(), Platform.current(), "app");
        w.writeIndex(List.of(new OciLayoutWriter.Entry(manifest, Platform.current(), "app")));
        previousRoot = System.getProperty("lit.root");
        System.setProperty("lit.root", work.resolve("root").toString());
        reference = "oci:" + w.dir() + ":app";
    }

    @AfterAll
    static void restore() {
        if (previousRoot == null) {
            System.clearProperty("lit.root");
        } else {
            System.setProperty("lit.root", previousRoot);
        }
    }

    private static ContainerSpec spec(ShrinkImage level) {
        return Container.builder().base(reference).entrypoint(List.of("/bin/sleep", "60")).shrinkImage(level).build();
    }

    /** Starts the container, lets the job observe its check and build, then stops it. */
    private static void startAndLetTheJobRun(ShrinkImage level) throws Exception {
        try (Container c = Lit.start(spec(level))) {
            assertInstanceOf(Base.Image.class, c.spec().base(), "no slim tree yet: the image itself");
            assertTrue(SlimImages.awaitIdle(Duration.ofSeconds(120)), "the slim job did not end within 120 s");
            c.kill(Signal.SIGKILL);
        }
    }

    @Test
    void theSlimTreeKeepsWhatTheCheckOpenedAndNotThePlantedFiles() throws Exception {
        ShrinkImage level = ShrinkImage.aggressive("cat /app/config.txt /app/current /etc/motd");
        startAndLetTheJobRun(level);
        List<Path> layers = ImageBases.lowerDirectories(reference);
        SlimImages slim = SlimImages.forDefaultStore();
        Path tree = slim.aggressiveTree(layers, level.check())
                .orElseThrow(() -> new AssertionError("no aggressive tree; rejected: " + slim.rejection(layers, level.check())));
        for (String kept : List.of("app/config.txt", "app/main.txt", "app/current", "etc/motd", "bin/busybox", "bin/cat", "bin/sh",
                "bin/sleep", "etc/passwd", "bin/grep" /* a link to a kept file costs nothing */)) {
            assertTrue(Files.exists(tree.resolve(kept), java.nio.file.LinkOption.NOFOLLOW_LINKS), kept + " kept");
        }
        for (String gone : List.of("app/unused-model.bin", "app/unused-notes.txt", "opq/c", "data/hl-source",
                "var/cache/apt/archives/curl.deb")) {
            assertFalse(Files.exists(tree.resolve(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS), gone + " removed");
        }
        for (String dir : List.of("proc", "dev", "tmp", "data", "opq")) {
            assertTrue(Files.isDirectory(tree.resolve(dir)), dir + " stays as a directory");
        }
        Properties record = slim.aggressiveRecordOf(layers, level.check()).orElseThrow();
        assertEquals("aggressive", record.getProperty("level"));
        assertEquals("true", record.getProperty("verified"));
        long standard = Long.parseLong(record.getProperty("bytes.standard"));
        long after = Long.parseLong(record.getProperty("bytes.after"));
        assertTrue(after < standard - 200_000, record::toString);
        System.out.println("aggressive shrink figures: before=" + record.getProperty("bytes.before") + " standard=" + standard
                + " aggressive=" + after + " layer=" + record.getProperty("layer.bytes") + " opened=" + record.getProperty("opened")
                + " removed=" + record.getProperty("removed"));

        // the next start at this level runs on it, and the check passes there
        try (Container c = Lit.start(spec(level))) {
            assertEquals(Base.directory(tree), c.spec().base());
            RunResult r = c.exec("/bin/sh", "-c", "cat /app/config.txt /app/current /etc/motd").result();
            assertEquals("config\nmain\nsecond layer\n", r.stdoutText(), r::stderrText);
            c.kill(Signal.SIGKILL);
        }
        assertNoRemains(slim);
    }

    @Test
    void aSlimTreeOnWhichTheCheckBehavesDifferentlyIsThrownAway() throws Exception {
        // ls reads the directory, not its files: on the slim tree the unopened files are missing
        ShrinkImage level = ShrinkImage.aggressive("cat /app/config.txt; ls /app");
        startAndLetTheJobRun(level);
        List<Path> layers = ImageBases.lowerDirectories(reference);
        SlimImages slim = SlimImages.forDefaultStore();
        assertTrue(slim.aggressiveTree(layers, level.check()).isEmpty(), "no tree");
        String reason = slim.rejection(layers, level.check()).orElseThrow(() -> new AssertionError("no rejection recorded"));
        assertTrue(reason.contains("printed something else on the slim image"), reason);
        assertTrue(reason.contains("unused-model.bin"), reason);
        try (Container c = Lit.start(spec(level))) {
            assertInstanceOf(Base.Image.class, c.spec().base(), "a start at this level keeps the image");
            c.kill(Signal.SIGKILL);
        }
        assertTrue(SlimImages.awaitIdle(Duration.ofSeconds(30)));
        assertNoRemains(slim);
    }

    @Test
    void aCancelledJobLeavesNoTreeNoRejectionAndNoTemporaries() throws Exception {
        ShrinkImage level = ShrinkImage.aggressive("sleep 20; cat /app/config.txt");
        SlimImages slim = SlimImages.forDefaultStore();
        try (Container c = Lit.start(spec(level))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (SlimImages.running().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            var job = SlimImages.running().getFirst();
            Thread.sleep(500); // inside the check by now
            long t = System.nanoTime();
            job.cancel();
            assertTrue(SlimImages.awaitIdle(Duration.ofSeconds(30)), "the job ends when cancelled");
            assertTrue(System.nanoTime() - t < Duration.ofSeconds(5).toNanos(), "the cancel does not wait for the check");
            assertTrue(job.result().isCancelled(), job::toString);
            c.kill(Signal.SIGKILL);
        }
        List<Path> layers = ImageBases.lowerDirectories(reference);
        assertTrue(slim.aggressiveTree(layers, level.check()).isEmpty());
        assertTrue(slim.rejection(layers, level.check()).isEmpty(), "a cancel is no verdict on the check");
        assertNoRemains(slim);
    }

    private static void assertNoRemains(SlimImages slim) throws Exception {
        Path dir = ImageStore.defaultRoot().resolve("slim");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList(), "no temporaries left");
        }
        var cgroups = ((LinuxRuntime) Lit.runtime()).cgroups();
        for (var h : cgroups.system().hierarchies()) {
            try (var s = Files.list(h.ownDirectory())) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("lit-slim-")).toList(), "the job's cgroup is gone");
            }
        }
    }
}
