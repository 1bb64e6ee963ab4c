package dev.lit.linux.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.testing.Host;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A non-root user's bridge containers, networked by pasta. Runs in the rootless lane (.ci/rootless-lane.sh). */
@Tag("rootless")
class RootlessNetworkTest {

    @BeforeEach
    void unprivilegedWithPasta() {
        assumeFalse(Host.isRoot(), "runs as an unprivileged user: ./run-tests runs this group as one (.ci/rootless-lane.sh)");
        assumeTrue(Pasta.installed(), "needs pasta (apt-get install passt)");
    }

    private static ContainerSpec.Builder sh(String script) {
        return Container.builder().entrypoint(List.of("/bin/sh", "-c", script));
    }

    @Test
    void httpdAnswersThroughAPortPastaPublishesOnLoopback() throws Exception {
        try (Container web = Lit.start(sh("mkdir -p /tmp/www && echo rootless > /tmp/www/index.html && exec busybox httpd -f -p 8080 -h /tmp/www")
                .publish("127.0.0.1:0:8080"))) {
            int port = web.mappedPort(8080);
            String body = "";
            for (int i = 0; i < 50 && !body.contains("rootless"); i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setSoTimeout(2000);
                    OutputStream out = s.getOutputStream();
                    out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                } catch (java.io.IOException e) {
                    Thread.sleep(100);
                }
            }
            assertTrue(body.contains("rootless"), body);
        }
        assertEquals(List.of(), java.nio.file.Files.list(new NetworkStore(((dev.lit.linux.LinuxRuntime) Lit.runtime()).stateRoot().path())
                .pastaPidFile("x").getParent()).toList(), "pasta pid files left");
    }

    @Test
    void peersResolveEachOtherByNameAndMeetOnPublishedPorts() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String net = "rl" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (Container store = Lit.start(sh("exec busybox nc -ll -p 7000 -e busybox echo pong").name("store" + net).network(net, "store")
                .publish(port + ":7000"))) {
            RunResult r = Lit.run(sh("for i in $(seq 50); do busybox nc -w 2 store " + port + " && exit 0; sleep 0.1; done; exit 1").network(net));
            assertEquals("pong", r.stdoutText().strip(), r.stderrText());
        }
    }
}
