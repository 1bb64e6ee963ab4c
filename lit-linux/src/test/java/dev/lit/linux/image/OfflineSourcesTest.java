package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images without a registry: OCI image layouts (directory and tar) and docker save tarballs. */
class OfflineSourcesTest {
    @TempDir
    static Path work;
    static OciLayoutWriter layout;

    @BeforeAll
    static void write() throws Exception {
        layout = TestImages.write(work.resolve("layout"));
    }

    private static Images fresh(String name) {
        return Images.open(ImageOptions.defaults().withRoot(work.resolve("stores").resolve(name)));
    }

    private static void assertBusybox(LocalImage image) throws Exception {
        assertEquals(3, image.layers().size());
        assertEquals(List.of("cat /etc/motd"), image.config().cmd());
        assertEquals("second layer\n", Files.readString(image.layers().get(1).resolve("etc/motd")));
        assertTrue(Files.isRegularFile(image.layers().getFirst().resolve("bin/busybox")));
    }

    @Test
    void anOciLayoutDirectoryByTag() throws Exception {
        Images images = fresh("dir");
        String ref = "oci:" + layout.dir() + ":1";
        assertBusybox(images.pull(ref));
        assertTrue(images.find(ref).isPresent());
        LocalImage multi = images.pull("oci:" + layout.dir() + ":multi");
        assertEquals(3, multi.layers().size(), "the index resolves to this platform's manifest");
        ImageException e = assertThrows(ImageException.class, () -> images.pull("oci:" + layout.dir()));
        assertTrue(e.getMessage().contains("holds 3 images") && e.getMessage().contains("multi"), e.getMessage());
        ImageException tag = assertThrows(ImageException.class, () -> images.pull("oci:" + layout.dir() + ":nope"));
        assertTrue(tag.getMessage().contains("no image tagged 'nope'"), tag.getMessage());
    }

    @Test
    void anOciLayoutTarball() throws Exception {
        Path tar = work.resolve("layout.tar");
        RegistryServer.run(List.of("tar", "-C", layout.dir().toString(), "-cf", tar.toString(), "."));
        assertBusybox(fresh("tar").pull("oci:" + tar + ":1"));
    }

    @Test
    void aDockerSaveTarball() throws Exception {
        RegistryServer.ensureInstalled("skopeo", "skopeo");
        // Docker's format has no zstd: the same image with its zstd layer gzipped
        OciLayoutWriter gz = new OciLayoutWriter(work.resolve("gz"));
        gz.image(List.of(
                new OciLayoutWriter.Layer(TestImages.baseLayer(), OciLayoutWriter.Compression.GZIP),
                new OciLayoutWriter.Layer(TestImages.secondLayer(), OciLayoutWriter.Compression.GZIP),
                new OciLayoutWriter.Layer(TestImages.thirdLayer(), OciLayoutWriter.Compression.NONE)), TestImages.config(), Platform.current(), "1");
        gz.writeIndex(gz.entries());
        Path archive = work.resolve("saved.tar");
        RegistryServer.run(List.of("skopeo", "copy", "-q", "oci:" + gz.dir() + ":1", "docker-archive:" + archive + ":test/busybox:1"));
        Images images = fresh("archive");
        assertBusybox(images.pull("docker-archive:" + archive));
        assertBusybox(images.pull("docker-archive:" + archive + ":test/busybox:1"));
        assertEquals(2, images.list().size());
    }

    @Test
    void anImageWithAnEscapingLayerIsRefusedAndLeavesNothing() throws Exception {
        OciLayoutWriter evil = new OciLayoutWriter(work.resolve("evil"));
        evil.image(List.of(
                new OciLayoutWriter.Layer(new TarBuilder().file("ok", 0644, "fine").build(), OciLayoutWriter.Compression.GZIP),
                new OciLayoutWriter.Layer(new TarBuilder().symlink("etc", "/etc").file("etc/lit-was-here", 0644, "x").build(), OciLayoutWriter.Compression.GZIP)),
                TestImages.config(), Platform.current(), "evil");
        evil.writeIndex(evil.entries());
        Images images = fresh("evil");
        LayerUnpacker.UnsafeEntryException e = assertThrows(LayerUnpacker.UnsafeEntryException.class, () -> images.pull("oci:" + evil.dir() + ":evil"));
        assertTrue(e.getMessage().contains("passes through the symbolic link etc -> /etc"), e.getMessage());
        assertTrue(Files.notExists(Path.of("/etc/lit-was-here")));
        try (Stream<Path> tmp = Files.list(images.store().root().resolve("tmp"))) {
            assertEquals(List.of(), tmp.toList());
        }
        assertTrue(images.list().isEmpty());
    }
}
