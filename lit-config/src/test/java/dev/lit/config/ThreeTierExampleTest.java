package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.NetworkAttachment;
import dev.lit.compose.Application;
import dev.lit.compose.ReadinessCheck;
import dev.lit.compose.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository's examples/three-tier/lit.yml stays a valid services file that maps to what its comments promise. */
class ThreeTierExampleTest {
    private static final Path FILE = Path.of("..", "examples", "three-tier", "lit.yml");

    @Test
    void theThreeTierExampleIsAStoreAnAppAndAClientInThatOrder() {
        assumeTrue(Files.isRegularFile(FILE), "run from lit-config in the repository");

        Application app = LitFile.loadApplication(FILE, Map.of());

        assertEquals("three-tier", app.name());
        assertEquals(List.of("store", "app", "client"), app.services().stream().map(ServiceSpec::name).toList());
        assertEquals(List.of(NetworkAttachment.of("back", "db")), app.service("store").networks());
        assertEquals(ReadinessCheck.port(80), app.service("store").readiness().check());
        assertEquals(18080, app.service("app").ports().getFirst().hostPort());
        assertEquals(List.of(NetworkAttachment.of("front")), app.service("client").networks());
        assertEquals("hello from the store", app.service("store").container().env().get("GREETING"));
    }
}
