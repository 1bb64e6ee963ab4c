package dev.lit.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.utility.MountableFile;

/** LitContainer on real containers: readiness strategies, logs, copies, ports, and failures that leave nothing running. */
@Tag("root")
class LitContainerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void root() throws IOException {
        assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0), "needs root to run containers as root");
    }

    @Test
    void startWaitsForTheLogLineAndTheLogsKeepEveryLine() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (LitContainer<?> c = new LitContainer<>()
                .withCommand("/bin/sh", "-c", "echo booting; echo oops >&2; sleep 0.3; echo \"ready on $GREETING\"; sleep 30")
                .withEnv("GREETING", "lit")
                .withLogConsumer(seen::add)
                .waitingFor(LitWait.forLogMessage(".*ready on lit.*\\n", 1))) {
            c.start();
            assertTrue(c.isRunning());
            assertTrue(c.getLogs().contains("ready on lit\n"), c.getLogs());
            assertEquals("booting\nready on lit\n", c.getStdout());
            assertEquals("oops\n", c.getStderr());
            assertTrue(seen.contains("ready on lit"), seen::toString);
        }
    }

    @Test
    void anExposedPortIsWaitedForAndPublishedOnAFreeLoopbackPort() throws Exception {
        try (LitContainer<?> c = new LitContainer<>()
                .withCommand("/bin/sh", "-c", "sleep 0.3; echo hello over tcp | busybox nc -l -p 7000")
                .withExposedPorts(7000)) {
            long before = System.nanoTime();
            c.start();
            assertTrue(System.nanoTime() - before > 250_000_000L, "start() returned before the port listened");
            assertTrue(c.isRunning());
            int port = c.getMappedPort(7000);
            assertTrue(port != 7000 || c.getFirstMappedPort() == port);
            try (java.net.Socket socket = new java.net.Socket(c.getHost(), port)) {
                assertEquals("hello over tcp\n", new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThrows(IllegalArgumentException.class, () -> c.getMappedPort(7001));
        }
    }

    @Test
    void httpWaitAndMappedPortWithTheHostsNetwork() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "hello from lit\n");
        int port = freePort();
        try (LitContainer<?> web = new LitContainer<>()
                .withCopyFileToContainer(MountableFile.forHostPath(www), "/srv/www")
                .withCommand("busybox", "httpd", "-f", "-p", "127.0.0.1:" + port, "-h", "/srv/www")
                .withNetworkMode("host")
                .withExposedPorts(port)
                .waitingFor(LitWait.forHttp("/index.html").forResponsePredicate(b -> b.contains("hello")))) {
            web.start();
            assertEquals(port, web.getMappedPort(port));
            assertEquals(port, web.getFirstMappedPort());
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://" + web.getHost() + ":" + web.getFirstMappedPort() + "/index.html")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertEquals("hello from lit\n", r.body());
            }
        }
    }

    @Test
    void aContainerThatEndsBeforeItIsReadyFailsStartWithItsStatusAndLogs() {
        LitContainer<?> c = new LitContainer<>()
                .withCommand("/bin/sh", "-c", "echo cannot bind; exit 3")
                .waitingFor(LitWait.forLogMessage(".*listening.*", 1));
        ContainerLaunchException e = assertThrows(ContainerLaunchException.class, c::start);
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot bind"), e.getMessage());
        assertFalse(c.isRunning());
        assertThrows(IllegalStateException.class, c::getContainerId);
    }

    @Test
    void aSpecWithNothingToRunFailsStartNamingTheField() {
        ContainerLaunchException e = assertThrows(ContainerLaunchException.class, () -> new LitContainer<>().start());
        assertTrue(e.getMessage().contains("entrypoint: nothing to run"), e.getMessage());
    }

    @Test
    void aContainerNotReadyInTimeIsKilledAndStartFails() {
        LitContainer<?> c = new LitContainer<>()
                .withCommand("sleep", "30")
                .withStartupTimeout(Duration.ofMillis(300))
                .waitingFor(LitWait.forLogMessage("never", 1));
        ContainerLaunchException e = assertThrows(ContainerLaunchException.class, c::start);
        assertTrue(e.getMessage().contains("not ready within PT0.3S"), e.getMessage());
        assertFalse(c.isRunning());
    }

    @Test
    void stopEndsTheContainerAndItCanStartAgain() throws Exception {
        LitContainer<?> c = new LitContainer<>().withCommand("/bin/sh", "-c", "echo up; sleep 30")
                .waitingFor(LitWait.forLogMessage("up", 1));
        c.start();
        var first = c.getLitContainer();
        c.stop();
        assertFalse(first.isAlive());
        assertFalse(c.isRunning());
        c.start();
        try {
            assertTrue(c.isRunning());
            assertFalse(first.id().equals(c.getContainerId()));
            assertEquals("up\n", c.getLogs());
        } finally {
            c.close();
        }
    }

    @Test
    void execInContainerRunsInsideWithTheContainersEnvironment() throws Exception {
        try (LitContainer<?> c = new LitContainer<>().withCommand("sleep", "30").withEnv("WHO", "exec").withHostname("tc-box")) {
            c.start();
            ExecResult r = c.execInContainer("/bin/sh", "-c", "echo \"$WHO in $(hostname)\"; echo err >&2; exit 4");
            assertEquals(4, r.getExitCode());
            assertEquals("exec in tc-box\n", r.getStdout());
            assertEquals("err\n", r.getStderr());
            ExecResult missing = c.execInContainer("/no/such/command");
            assertEquals(127, missing.getExitCode());
            assertTrue(missing.getStderr().contains("/no/such/command"), missing::toString);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
