package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.ContainerSpec;
import dev.lit.NetworkAttachment;
import dev.lit.NetworkMode;
import dev.lit.PortMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code network:} section: modes, networks with aliases, published ports, errors at line:column. */
class NetworkSectionTest {
    @TempDir
    Path dir;

    private ContainerSpec spec(String yaml) {
        return LitFile.parse(yaml, dir, Map.of()).spec();
    }

    private LitFileException failure(String yaml) {
        return assertThrows(LitFileException.class, () -> LitFile.parse(yaml, dir, Map.of()));
    }

    private static void assertAt(LitFileException e, int line, int column, String fragment) {
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void exposeAloneJoinsTheDefaultBridgeAndTakesEveryPortForm() {
        ContainerSpec spec = spec("""
                entrypoint: python app.py
                network:
                  expose: [8080, "18080:8080", "127.0.0.1:18081:8080/udp", "0:9090", "[::1]:53:53/udp"]
                """);
        NetworkMode.Bridge bridge = (NetworkMode.Bridge) spec.network();
        assertEquals(List.of(NetworkAttachment.of("lit")), bridge.networks());
        assertEquals(List.of(new PortMapping("0.0.0.0", 0, 8080, PortMapping.Protocol.TCP),
                new PortMapping("0.0.0.0", 18080, 8080, PortMapping.Protocol.TCP),
                new PortMapping("127.0.0.1", 18081, 8080, PortMapping.Protocol.UDP),
                new PortMapping("0.0.0.0", 0, 9090, PortMapping.Protocol.TCP),
                new PortMapping("::1", 53, 53, PortMapping.Protocol.UDP)), bridge.ports());
    }

    @Test
    void networksAsAListOrAsAMappingWithAliases() {
        NetworkMode.Bridge list = (NetworkMode.Bridge) spec("""
                entrypoint: echo
                network: { mode: bridge, networks: [front, back] }
                """).network();
        assertEquals(List.of(NetworkAttachment.of("front"), NetworkAttachment.of("back")), list.networks());
        NetworkMode.Bridge map = (NetworkMode.Bridge) spec("""
                entrypoint: echo
                network:
                  networks:
                    back: { aliases: [db, store] }
                    front:
                """).network();
        assertEquals(List.of(NetworkAttachment.of("back", "db", "store"), NetworkAttachment.of("front")), map.networks());
    }

    @Test
    void bridgeModeAloneJoinsTheDefaultNetwork() {
        assertEquals(NetworkMode.bridge(), spec("""
                entrypoint: echo
                network: { mode: bridge }
                """).network());
    }

    @Test
    void aPortOutOfRangeIsAnErrorAtItsItem() {
        assertAt(failure("""
                entrypoint: echo
                network: { expose: [8080, 70000] }
                """), 2, 27, "network.expose[1]: '70000': port 70000 is out of range");
    }

    @Test
    void aMalformedPortMappingIsAnErrorAtItsItem() {
        assertAt(failure("""
                entrypoint: echo
                network:
                  expose:
                    - "1.2.3.4:80"
                """), 4, 7, "network.expose[0]: '1.2.3.4:80' is not a port");
    }

    @Test
    void anUnknownProtocolIsNamed() {
        assertAt(failure("""
                entrypoint: echo
                network: { expose: ["80/sctp"] }
                """), 2, 21, "unknown protocol 'sctp'; use tcp or udp");
    }

    @Test
    void exposeThatIsNotAListIsAWrongType() {
        assertAt(failure("""
                entrypoint: echo
                network: { expose: 8080 }
                """), 2, 20, "network.expose must be a list, got the number 8080");
    }

    @Test
    void exposeWithModeNoneIsAnErrorAtItsKey() {
        assertAt(failure("""
                entrypoint: echo
                network:
                  mode: none
                  expose: [80]
                """), 4, 3, "network.expose needs network.mode bridge (the mode is none)");
    }

    @Test
    void aHostPortPublishedTwiceIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                network:
                  expose: ["8080:80", "8080:81"]
                """), 3, 3, "host port 8080/tcp is published twice");
    }

    @Test
    void aBadNetworkNameIsAnErrorAtIt() {
        assertAt(failure("""
                entrypoint: echo
                network:
                  networks: [ok, "-bad"]
                """), 3, 18, "'-bad' is not a valid network name");
    }

    @Test
    void anUnknownNetworkModeIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                network: { mode: hots }
                """), 2, 18, "network.mode must be none, host or bridge, got 'hots' (did you mean 'host'?)");
    }
}
