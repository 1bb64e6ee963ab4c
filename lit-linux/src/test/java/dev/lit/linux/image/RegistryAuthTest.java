package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth against docker-registry with htpasswd, with credentials from the API and from auth files. */
class RegistryAuthTest {
    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.withBasicAuth();
    @TempDir
    static Path work;
    static Published published;
    static final Credentials GOOD = new Credentials(RegistryServer.USER, RegistryServer.PASSWORD);

    @BeforeAll
    static void publish() throws Exception {
        published = Published.to(REGISTRY, work, GOOD); // Lit's push and skopeo, both with basic auth
    }

    private static ImageOptions options(String name) {
        return ImageOptions.defaults().withRoot(work.resolve("stores").resolve(name)).withAuthFiles(new AuthFiles(List.of()));
    }

    @Test
    void basicAuthNeedsCredentials() {
        ImageException e = assertThrows(ImageException.class, () -> Images.open(options("anonymous")).pull(published.busybox));
        assertTrue(e.getMessage().contains("refused access (HTTP 401)"), e.getMessage());
        ImageException wrong = assertThrows(ImageException.class, () -> Images.open(options("wrong")
                .withCredentials(REGISTRY.host(), new Credentials(RegistryServer.USER, "nope"))).pull(published.busybox));
        assertTrue(wrong.getMessage().contains("401"), wrong.getMessage());
    }

    @Test
    void basicAuthWithCredentialsFromTheApi() throws Exception {
        LocalImage image = Images.open(options("api").withCredentials(REGISTRY.host(), GOOD)).pull(published.busybox);
        assertEquals(published.busyboxManifest, image.record().manifest());
    }

    @Test
    void basicAuthWithCredentialsFromDockerAndPodmanFiles() throws Exception {
        String auth = Base64.getEncoder().encodeToString((GOOD.username() + ":" + GOOD.password()).getBytes(StandardCharsets.UTF_8));
        Path docker = work.resolve("docker-config.json");
        Files.writeString(docker, "{\"auths\":{\"http://" + REGISTRY.host() + "/v1/\":{\"auth\":\"" + auth + "\"}},\"credsStore\":\"none\"}");
        Path podman = work.resolve("auth.json");
        Files.writeString(podman, "{\"auths\":{\"" + REGISTRY.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        for (Path file : List.of(docker, podman)) {
            LocalImage image = Images.open(options("file-" + file.getFileName()).withAuthFiles(new AuthFiles(List.of(work.resolve("absent.json"), file))))
                    .pull(published.busybox);
            assertEquals(3, image.layers().size());
        }
    }
}
