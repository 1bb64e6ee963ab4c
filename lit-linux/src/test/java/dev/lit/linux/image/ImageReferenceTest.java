package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
        "alpine, docker.io/library/alpine:latest",
        "ubuntu:22.04, docker.io/library/ubuntu:22.04",
        "docker.io/library/alpine:3.20, docker.io/library/alpine:3.20",
        "index.docker.io/library/alpine, docker.io/library/alpine:latest",
        "user/app, docker.io/user/app:latest",
        "ghcr.io/o/r:tag, ghcr.io/o/r:tag",
        "localhost/r, localhost/r:latest",
        "localhost:5000/a/b/c:v1.2-rc_3, localhost:5000/a/b/c:v1.2-rc_3",
        "127.0.0.1:5000/test/busybox:1, 127.0.0.1:5000/test/busybox:1",
        "docker://alpine:3, docker.io/library/alpine:3",
    })
    void resolvesAsDockerDoes(String text, String canonical) {
        assertEquals(canonical, ImageReference.parse(text).toString());
    }

    @Test
    void digestsPinTheManifest() {
        ImageReference r = ImageReference.parse("host:5000/r@" + DIGEST);
        assertEquals("host:5000", r.registry());
        assertEquals("r", r.repository());
        assertNull(r.tag());
        assertEquals(DIGEST, r.manifestReference());
        ImageReference both = ImageReference.parse("alpine:3.20@" + DIGEST);
        assertEquals("3.20", both.tag());
        assertEquals(DIGEST, both.manifestReference());
        assertEquals("alpine:3.20@" + DIGEST, both.familiar());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "library/Upper", "a//b", "alpine:bad tag", "r@sha256:abc", "r@md5:" + "ab", "-lead"})
    void refusesMalformedReferences(String text) {
        assertThrows(ImageException.class, () -> ImageReference.parse(text));
    }

    @Test
    void plainHttpOnlyForLoopbackOrInsecure() {
        RegistryConfig c = RegistryConfig.empty().withRegistry("reg.local:5000", new RegistryConfig.Registry(List.of(), true));
        assertTrue(c.pushEndpoint("127.0.0.1:5000").plainHttp());
        assertTrue(c.pushEndpoint("localhost:5000").plainHttp());
        assertTrue(c.pushEndpoint("[::1]:5000").plainHttp());
        assertTrue(c.pushEndpoint("reg.local:5000").plainHttp());
        assertFalse(c.pushEndpoint("ghcr.io").plainHttp());
        assertEquals("https://registry-1.docker.io", c.pushEndpoint("docker.io").base().toString());
    }

    @Test
    void mirrorsComeFirstAndTheConfigFileIsRead() {
        RegistryConfig c = RegistryConfig.parse("""
                {"registries": {"docker.io": {"mirrors": ["http://127.0.0.1:5001/", "mirror.corp"]},
                                "mirror.corp": {"insecure": true}},
                 "credentials": {"ghcr.io": {"username": "me", "password": "pw"}}}
                """);
        List<RegistryConfig.Endpoint> e = c.pullEndpoints("docker.io");
        assertEquals(List.of("http://127.0.0.1:5001", "http://mirror.corp", "https://registry-1.docker.io"),
                e.stream().map(x -> x.base().toString()).toList());
        assertEquals("me", c.credentialsFor("ghcr.io").username());
    }

    @Test
    void platformsAreSelectedWithArm64Variants() {
        Descriptor amd = new Descriptor("m", Digest.of(new byte[] {1}), 1, List.of(), new Platform("linux", "amd64", null));
        Descriptor armV7 = new Descriptor("m", Digest.of(new byte[] {2}), 1, List.of(), new Platform("linux", "arm", "v7"));
        Descriptor arm64 = new Descriptor("m", Digest.of(new byte[] {3}), 1, List.of(), new Platform("linux", "arm64", "v8"));
        Manifest.Index index = new Manifest.Index(MediaTypes.OCI_INDEX, List.of(amd, armV7, arm64));
        assertEquals(amd, index.select(Platform.parse("linux/amd64"), "x"));
        assertEquals(arm64, index.select(Platform.parse("linux/arm64"), "x"));
        assertEquals(arm64, index.select(Platform.parse("linux/arm64/v8"), "x"));
        assertEquals(armV7, index.select(Platform.parse("linux/arm/v7"), "x"));
        ImageException e = assertThrows(ImageException.class, () -> index.select(Platform.parse("linux/s390x"), "img"));
        assertTrue(e.getMessage().contains("no image for linux/s390x"), e.getMessage());
    }

    @Test
    void sourcesAreParsed() {
        assertInstanceOf(ImageSource.Registry.class, ImageSource.parse("alpine"));
        ImageSource.OciLayout o = (ImageSource.OciLayout) ImageSource.parse("oci:/srv/layout:v1");
        assertEquals(Path.of("/srv/layout"), o.path());
        assertEquals("v1", o.tag());
        assertNull(((ImageSource.OciLayout) ImageSource.parse("oci:/srv/layout")).tag());
        ImageSource.DockerArchive d = (ImageSource.DockerArchive) ImageSource.parse("docker-archive:/tmp/a.tar");
        assertEquals(Path.of("/tmp/a.tar"), d.path());
    }

    @Test
    void challengesAreParsed() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"");
        assertEquals("bearer", c.scheme());
        assertEquals("https://auth.docker.io/token", c.params().get("realm"));
        assertEquals("repository:library/alpine:pull", c.params().get("scope"));
        assertEquals("basic", Challenge.parse("Basic realm=\"x\"").scheme());
    }
}
