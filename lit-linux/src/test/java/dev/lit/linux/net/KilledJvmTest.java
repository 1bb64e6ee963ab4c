package dev.lit.linux.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.testing.Host;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A JVM killed with its bridge container running: the cleanup pass removes all it left. */
@Tag("root")
class KilledJvmTest {

    /** The child: starts a container on a network with a published port, prints READY and waits to be killed. */
    public static void main(String[] args) throws Exception {
        Container c = Lit.start(Container.builder().entrypoint(List.of("sleep", "600")).network(args[0], "victim").publish("127.0.0.1:0:80"));
        System.out.println("READY " + c.id() + " " + c.mappedPort(80));
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10));
    }

    @Test
    void theCleanupPassRemovesTheBridgeVethRulesAndLeaseOfAKilledJvm() throws Exception {
        Host.assumeRoot();
        String network = "kill" + Long.toHexString(System.nanoTime() & 0xffff);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", String.join(":", classPath()),
                KilledJvmTest.class.getName(), network).redirectErrorStream(true).start();
        String id;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                lines.add(line);
            }
            assertTrue(line != null, () -> "child ended early:\n" + String.join("\n", lines));
            id = line.split(" ")[1];
            BridgeNetworks networks = new BridgeNetworks(((LinuxRuntime) Lit.runtime()).stateRoot().path());
            assertFalse(BridgeNetworks.links(networks.bridgePrefix()).isEmpty(), "the child's bridge exists");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        // the container's PID 1 dies with its parent (parent-death signal); its netns takes the veth along
        Lit.runtime().collectGarbage();

        assertEquals(List.of(), BridgeNetworkTest.NetworkLeaks.find(List.of(id)));
        assertFalse(Files.exists(((LinuxRuntime) Lit.runtime()).stateRoot().containers().resolve(id)));
    }

    private static List<String> classPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {KilledJvmTest.class, LinuxRuntime.class, Lit.class, org.jspecify.annotations.NullMarked.class}) {
            var source = c.getProtectionDomain().getCodeSource();
            if (source != null) {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            }
        }
        return List.copyOf(entries);
    }
}
