package dev.lit.linux.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.compose.Application;
import dev.lit.compose.ApplicationListener;
import dev.lit.compose.Readiness;
import dev.lit.compose.ReadinessCheck;
import dev.lit.compose.RunningApplication;
import dev.lit.compose.ServiceSpec;
import dev.lit.linux.testing.Host;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Services of a non-root user, networked by pasta. Runs in the rootless lane (.ci/rootless-lane.sh). */
@Tag("rootless")
class RootlessServicesTest {

    @BeforeEach
    void unprivilegedWithPasta() {
        assumeFalse(Host.isRoot(), "runs as an unprivileged user: ./run-tests runs this group as one (.ci/rootless-lane.sh)");
        assumeTrue(Pasta.installed(), "needs pasta (apt-get install passt)");
    }

    @Test
    void aStoreIsCheckedThroughItsPublishedPortAndItsClientReachesItByName() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        ApplicationListener listener = new ApplicationListener() {
            @Override
            public void output(LogLine line) {
                output.add(line.service() + "|" + line.text());
            }
        };
        // The store only listens after a second: a port check that a forwarder fooled would let the client fail.
        Application app = Application.builder("rl" + Long.toHexString(System.nanoTime() & 0xffffff))
                .service(ServiceSpec.builder("store")
                        .container(Container.builder().entrypoint(List.of("/bin/sh", "-c",
                                "sleep 1; mkdir -p /tmp/w && echo rootless-store > /tmp/w/v && exec busybox httpd -f -p " + port + " -h /tmp/w"))
                                .publish("127.0.0.1:" + port + ":" + port))
                        .readiness(Readiness.of(ReadinessCheck.port(port)).withInterval(Duration.ofMillis(100)).withRetries(100)))
                .service(ServiceSpec.builder("client")
                        .container(Container.builder().entrypoint(List.of("/bin/sh", "-c", "busybox wget -qO- http://store:" + port + "/v")))
                        .dependsOn("store"))
                .build();
        try (RunningApplication running = Lit.up(app, listener)) {
            assertEquals(0, running.container("client").waitFor().code(), output.toString());
            running.container("client").result();
            assertTrue(output.contains("client|rootless-store"), output.toString());
        }
    }
}
