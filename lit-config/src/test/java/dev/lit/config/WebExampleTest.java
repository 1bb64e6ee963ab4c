package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lit.NetworkAttachment;
import dev.lit.NetworkMode;
import dev.lit.PortMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository's examples/web/lit.yml stays a valid file with the network it promises. */
class WebExampleTest {
    @Test
    void theWebExampleJoinsFrontAsWwwAndPublishesOnLoopback() {
        Path file = Path.of("..", "examples", "web", "lit.yml").toAbsolutePath().normalize();
        NetworkMode.Bridge bridge = (NetworkMode.Bridge) LitFile.load(file, Map.of()).spec().network();
        assertEquals(List.of(NetworkAttachment.of("front", "www")), bridge.networks());
        assertEquals(List.of(new PortMapping("127.0.0.1", 18080, 8080, PortMapping.Protocol.TCP)), bridge.ports());
    }

    @Test
    void theWebExampleIsAnApplicationOfOneServiceForLitUp() {
        Path file = Path.of("..", "examples", "web", "lit.yml").toAbsolutePath().normalize();
        dev.lit.compose.Application app = LitFile.loadApplication(file, Map.of());
        assertEquals("web", app.name());
        assertEquals(List.of("front"), app.networks().stream().map(dev.lit.NetworkSpec::name).toList());
    }
}
