package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer token flow: the tests' own token service fronting a real registry, anonymous and with credentials. */
class BearerTokenTest {
    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.plain();
    @TempDir
    static Path work;
    static Published published;

    @BeforeAll
    static void publish() throws Exception {
        published = Published.to(REGISTRY, work, null);
    }

    private static ImageOptions options(String name) {
        return ImageOptions.defaults().withRoot(work.resolve("stores").resolve(name)).withAuthFiles(new AuthFiles(List.of()));
    }

    @Test
    void anonymousTokensForTheChallengedScope() throws Exception {
        try (TokenProxy proxy = new TokenProxy(REGISTRY.host())) {
            proxy.requireToken = true;
            LocalImage image = Images.open(options("anonymous")).pull(proxy.host() + "/test/busybox:1");
            assertEquals(published.busyboxManifest, image.record().manifest());
            assertEquals(1, proxy.tokenRequests.size(), "one token, cached for the whole pull: " + proxy.tokenRequests);
            assertEquals("service=lit-test&scope=repository:test/busybox:pull", proxy.tokenRequests.getFirst());
        }
    }

    @Test
    void tokensForCredentialsOnly() throws Exception {
        try (TokenProxy proxy = new TokenProxy(REGISTRY.host())) {
            proxy.requireToken = true;
            proxy.tokenUser = "alice";
            proxy.tokenPassword = "wonder";
            String ref = proxy.host() + "/test/busybox:1";
            ImageException e = assertThrows(ImageException.class, () -> Images.open(options("refused")).pull(ref));
            assertTrue(e.getMessage().contains("refused anonymous access"), e.getMessage());
            LocalImage image = Images.open(options("alice").withCredentials(proxy.host(), new Credentials("alice", "wonder"))).pull(ref);
            assertEquals(3, image.layers().size());
        }
    }
}
