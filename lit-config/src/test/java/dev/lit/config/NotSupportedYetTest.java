package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys whose feature is not built yet are checked, then refused at their place, never ignored. */
class NotSupportedYetTest {
    @TempDir
    Path dir;

    private LitFileException failure(String yaml) {
        return assertThrows(LitFileException.class, () -> LitFile.parse(yaml, dir, Map.of()));
    }

    private static void assertAt(LitFileException e, int line, int column, String fragment) {
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void anImageBaseIsAcceptedWithOfflinePathsRelativeToTheFile() {
        dev.lit.ContainerSpec spec = LitFile.parse("""
                entrypoint: python app.py
                filesystem: { base: ubuntu:22.04, workdir: /app }
                """, dir, Map.of()).spec();
        assertEquals("ubuntu:22.04", spec.base().toString());
        dev.lit.ContainerSpec offline = LitFile.parse("""
                entrypoint: python app.py
                filesystem: { base: "oci:layout:1" }
                """, dir, Map.of()).spec();
        assertEquals("oci:" + dir.resolve("layout:1"), offline.base().toString());
    }

    @Test
    void validPortsToExposeAreStillRefused() {
        LitFileException e = failure("""
                entrypoint: python app.py
                network:
                  mode: none
                  expose: [8080, "8081:80", "127.0.0.1:8443:443/tcp", "[::1]:53:53/udp"]
                """);

        assertEquals(dir.resolve("lit.yml") + ":4:3: network.expose is not supported yet (port publishing arrives with bridge networks)",
                e.getMessage());
    }

    @Test
    void aPortOutOfRangeIsReportedBeforeTheRefusal() {
        assertAt(failure("""
                entrypoint: echo
                network: { expose: [8080, 70000] }
                """), 2, 27, "network.expose[1]: '70000': port 70000 is out of range");
    }

    @Test
    void aMalformedPortMappingIsReportedBeforeTheRefusal() {
        assertAt(failure("""
                entrypoint: echo
                network:
                  expose:
                    - "1.2.3.4:80"
                """), 4, 7, "network.expose[0]: '1.2.3.4:80' is not a port");
    }

    @Test
    void anUnknownProtocolIsReportedBeforeTheRefusal() {
        assertAt(failure("""
                entrypoint: echo
                network: { expose: ["80/sctp"] }
                """), 2, 21, "'80/sctp' is not a port");
    }

    @Test
    void exposeThatIsNotAListIsAWrongType() {
        assertAt(failure("""
                entrypoint: echo
                network: { expose: 8080 }
                """), 2, 20, "network.expose must be a list, got the number 8080");
    }

    @Test
    void aBridgeNetworkIsRefused() {
        assertAt(failure("""
                entrypoint: echo
                network: { mode: bridge }
                """), 2, 18, "network.mode bridge is not supported yet");
    }

    @Test
    void anUnknownNetworkModeIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                network: { mode: hots }
                """), 2, 18, "network.mode must be none or host, got 'hots' (did you mean 'host'?)");
    }

    @Test
    void anUnknownOptimizeKeyIsReported() {
        assertAt(failure("""
                entrypoint: echo
                optimize:
                  shrink_images: true
                """), 3, 3, "unknown key 'shrink_images' in optimize (did you mean 'shrink_image'?)");
    }

    @Test
    void aNonBooleanOptimizeValueIsReported() {
        assertAt(failure("""
                entrypoint: echo
                optimize:
                  auto_memory_tune: yes please
                """), 3, 21, "optimize.auto_memory_tune must be true or false, got the text 'yes please'");
    }
}
