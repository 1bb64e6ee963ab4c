package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a real registry on loopback (Debian's docker-registry), fronted by the tests' proxy where faults are needed. */
class RegistryPullTest {
    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.plain();
    @TempDir
    static Path work;
    static Published published;

    @BeforeAll
    static void publish() throws Exception {
        published = Published.to(REGISTRY, work, null);
    }

    private static Images fresh(String name) {
        return Images.open(ImageOptions.defaults().withRoot(work.resolve("stores").resolve(name)));
    }

    private static Manifest.Image busyboxManifest() throws IOException {
        byte[] m = Files.readAllBytes(published.layout.dir().resolve("blobs/sha256").resolve(published.busyboxManifest.hex()));
        return (Manifest.Image) Manifest.parse(m, null);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void pullsEveryLayerAndRecordsTheImage() throws Exception {
        Images images = fresh("basic");
        List<PullEvent> events = new CopyOnWriteArrayList<>();
        LocalImage image = images.pull(published.busybox, events::add);
        assertEquals(published.busyboxManifest, image.record().manifest());
        assertEquals(3, image.layers().size());
        assertEquals(List.of("/bin/sh", "-c"), image.config().entrypoint());
        assertEquals("1000", image.config().user());
        assertEquals(List.of("8080/tcp"), image.config().exposedPorts());
        Path top = image.lowerDirs().getFirst();
        assertTrue(Files.exists(top.resolve(TestImages.LONG_NAME)));
        assertEquals(3, events.stream().filter(e -> e instanceof PullEvent.LayerUnpacked).count());
        assertTrue(events.stream().anyMatch(e -> e instanceof PullEvent.LayerProgress p && p.done() == p.total() && p.total() > 1_000_000));
        assertTrue(events.getLast() instanceof PullEvent.Done);
        assertEquals(List.of(), names(images.store().root().resolve("tmp")));
        assertEquals(List.of("docker.io/library/x:latest", published.busybox).size(), 2);
        assertEquals(List.of("127.0.0.1:" + REGISTRY.port() + "/test/busybox:1"), images.list().stream().map(LocalImage::reference).toList());
        assertTrue(images.find(published.busybox).isPresent());
        assertTrue(images.find(published.busybox.replace(":1", ":2")).isEmpty());
    }

    @Test
    void aSecondPullReusesTheLayers() throws Exception {
        try (TokenProxy proxy = new TokenProxy(REGISTRY.host())) {
            Images images = fresh("reuse");
            String ref = proxy.host() + "/test/busybox:1";
            images.pull(ref);
            int firstBlobs = proxy.blobRequests.get();
            assertEquals(4, firstBlobs, "config and three layers");
            List<PullEvent> events = new CopyOnWriteArrayList<>();
            images.pull(ref, events::add);
            assertEquals(firstBlobs, proxy.blobRequests.get(), "no blob fetched again");
            assertEquals(3, events.stream().filter(e -> e instanceof PullEvent.LayerCached).count());
            // another image sharing the layers reuses them too
            images.pull(proxy.host() + "/test/multi:1", events::add);
            assertEquals(firstBlobs, proxy.blobRequests.get());
        }
    }

    @Test
    void aTamperedBlobIsRejectedAndTheStoreStaysClean() throws Exception {
        try (TokenProxy proxy = new TokenProxy(REGISTRY.host())) {
            proxy.tamper = true;
            Images images = fresh("tamper");
            DigestMismatchException e = assertThrows(DigestMismatchException.class, () -> images.pull(proxy.host() + "/test/busybox:1"));
            assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
            Path root = images.store().root();
            assertEquals(List.of(), names(root.resolve("tmp")));
            assertEquals(List.of(), names(root.resolve("l")));
            // only the manifest (fetched by tag, verified by its own digest) is stored
            assertEquals(List.of(published.busyboxManifest.hex()), names(root.resolve("blobs/sha256")));
            assertTrue(images.list().isEmpty());
        }
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        try (TokenProxy proxy = new TokenProxy(REGISTRY.host())) {
            proxy.cutsLeft = 1;
            proxy.cutAfter = 300_000;
            Images images = fresh("resume");
            List<PullEvent> events = new CopyOnWriteArrayList<>();
            LocalImage image = images.pull(proxy.host() + "/test/busybox:1", events::add);
            assertEquals(3, image.layers().size());
            assertTrue(proxy.ranges.contains("bytes=300000-"), proxy.ranges.toString());
            assertTrue(events.stream().anyMatch(e -> e instanceof PullEvent.LayerResumed r && r.offset() == 300_000), events.toString());
        }
    }

    @Test
    void aDownloadLeftByAKilledProcessResumes() throws Exception {
        try (TokenProxy proxy = new TokenProxy(REGISTRY.host())) {
            Images images = fresh("killed");
            Descriptor big = busyboxManifest().layers().getFirst();
            byte[] blob = Files.readAllBytes(published.layout.dir().resolve("blobs/sha256").resolve(big.digest().hex()));
            // what a SIGKILLed pull leaves: the first part of the blob in tmp/
            Files.write(images.store().root().resolve("tmp").resolve(big.digest().hex() + ".partial"), java.util.Arrays.copyOf(blob, 500_000));
            images.pull(proxy.host() + "/test/busybox:1");
            assertTrue(proxy.ranges.contains("bytes=500000-"), proxy.ranges.toString());
            assertEquals(List.of(), names(images.store().root().resolve("tmp")));
        }
    }

    @Test
    void concurrentPullsOfOneImageAreSafe() throws Exception {
        Path root = work.resolve("stores/concurrent");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(PullMain.start(root, published.busybox));
        }
        List<Future<LocalImage>> threads = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                threads.add(pool.submit(() -> Images.open(ImageOptions.defaults().withRoot(root)).pull(published.busybox)));
            }
            for (Future<LocalImage> f : threads) {
                assertEquals(published.busyboxManifest, f.get(2, TimeUnit.MINUTES).record().manifest());
            }
        }
        for (Process p : children) {
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("OK " + published.busyboxManifest), out);
        }
        Images images = Images.open(ImageOptions.defaults().withRoot(root));
        assertEquals(1, images.list().size());
        assertEquals(6, names(root.resolve("l")).size(), "three layers and their markers, once each");
        assertEquals(List.of(), names(root.resolve("tmp")));
        assertTrue(images.find(published.busybox).isPresent());
    }

    @Test
    void anIndexYieldsThePlatformsManifest() throws Exception {
        LocalImage amd = fresh("multi").pull(published.multi);
        assertEquals(Platform.current().architecture(), amd.config().platform().architecture());
        assertEquals(3, amd.layers().size()); // skopeo may recompress on the way, so the digest can differ
        Images arm = Images.open(ImageOptions.defaults().withRoot(work.resolve("stores/arm")).withPlatform(Platform.parse("linux/arm64")));
        LocalImage image = arm.pull(published.multi);
        assertEquals("arm64", image.config().platform().architecture());
        assertEquals("arm64\n", Files.readString(image.layers().getFirst().resolve("arch")));
        Images s390 = Images.open(ImageOptions.defaults().withRoot(work.resolve("stores/s390")).withPlatform(Platform.parse("linux/s390x")));
        ImageException e = assertThrows(ImageException.class, () -> s390.pull(published.multi));
        assertTrue(e.getMessage().contains("no image for linux/s390x"), e.getMessage());
    }

    @Test
    void referencesByDigestAreVerified() throws Exception {
        String byDigest = REGISTRY.host() + "/test/busybox@" + published.busyboxManifest;
        LocalImage image = fresh("digest").pull(byDigest);
        assertEquals(published.busyboxManifest, image.record().manifest());
        String wrong = REGISTRY.host() + "/test/busybox@sha256:" + "0".repeat(64);
        ImageException e = assertThrows(ImageException.class, () -> fresh("digest").pull(wrong));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        ImageException missing = assertThrows(ImageException.class, () -> fresh("digest").pull(REGISTRY.host() + "/test/nothing:1"));
        assertTrue(missing.getMessage().contains("not found: manifest test/nothing:1"), missing.getMessage());
    }

    @Test
    void pushesInChunksMountsAndSkipsWhatIsThere() throws Exception {
        Images images = fresh("push");
        images.pull(published.busybox);
        String copy = REGISTRY.host() + "/test/copy:chunked";
        PushResult mounted = images.push(published.busybox, copy);
        assertEquals(4, mounted.mounted(), mounted.toString());
        PushResult again = images.push(published.busybox, copy);
        assertEquals(4, again.skipped());
        String chunked = REGISTRY.host() + "/other/chunked:1";
        Images fromLayout = fresh("push-layout");
        fromLayout.pull("oci:" + published.layout.dir() + ":1");
        PushResult uploaded = fromLayout.push("oci:" + published.layout.dir() + ":1", chunked, 256 * 1024);
        assertEquals(4, uploaded.uploaded());
        assertEquals(published.busyboxManifest, fresh("pull-chunked").pull(chunked).record().manifest());
    }

    @Test
    void removeAndPruneDropUnusedLayers() throws Exception {
        Images images = fresh("prune");
        images.pull(published.busybox);
        Images arm = Images.open(ImageOptions.defaults().withRoot(images.store().root()).withPlatform(Platform.parse("linux/arm64")));
        arm.pull(published.multi);
        assertEquals(2, images.list().size());
        assertTrue(images.remove(published.multi));
        assertFalse(images.remove(published.multi));
        PruneResult pruned = images.prune();
        assertEquals(1, pruned.layers(), pruned.toString());
        assertTrue(images.find(published.busybox).isPresent(), "the other image keeps its layers");
        assertTrue(images.remove(published.busybox));
        assertEquals(3, images.prune().layers());
        assertEquals(List.of(), names(images.store().root().resolve("l")));
        assertEquals(List.of(), names(images.store().root().resolve("blobs/sha256")));
    }
}
