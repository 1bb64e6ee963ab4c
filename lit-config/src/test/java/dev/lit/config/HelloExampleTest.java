package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.Base;
import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import dev.lit.CpuLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository's examples/hello/lit.yml stays a valid file that maps to what it promises. */
class HelloExampleTest {
    private static final Path HELLO = Path.of("..", "examples", "hello", "lit.yml");

    @Test
    void theHelloExampleMapsToAHostBasedGreeting() {
        assumeTrue(Files.isRegularFile(HELLO), "run from lit-config in the repository");

        ContainerSpec spec = LitFile.load(HELLO, Map.of()).spec();

        assertEquals("hello", spec.name());
        assertEquals("hello", spec.hostname());
        assertEquals(Base.host(), spec.base());
        assertEquals(List.of("/bin/sh", "-c", "echo \"Hello from $(hostname), PID $$\"; id"), spec.entrypoint());
        assertEquals(new CpuLimit(500), spec.resources().cpu());
        assertEquals(ByteSize.ofMiB(64), spec.resources().memory());
        assertEquals(64L, spec.resources().pids());
    }
}
