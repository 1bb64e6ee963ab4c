package dev.lit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.testcontainers.ExecResult;
import dev.lit.testcontainers.LitContainer;
import dev.lit.testcontainers.LitWait;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * Testcontainers' JUnit extension managing Lit containers, with no Docker engine: the static
 * web server starts once for the class, the greeter once per test, and both stop on their own.
 */
@Testcontainers
@Tag("root")
@EnabledIf(value = "dev.lit.examples.ExampleHost#isRoot", disabledReason = "needs root to run containers as root")
class TestcontainersExampleTest {
    /** busybox httpd from the host's root, serving a page copied into the container; port 8080 is published on a free host port. */
    @Container
    static LitContainer<?> web = new LitContainer<>()
            .withCopyFileToContainer(MountableFile.forHostPath(page()), "/srv/www/index.html")
            .withCommand("busybox", "httpd", "-f", "-p", "8080", "-h", "/srv/www")
            .withExposedPorts(8080)
            .waitingFor(LitWait.forHttp("/").forStatusCode(200));

    /** A fresh container for each test, ready once it has said hello. */
    @Container
    LitContainer<?> greeter = new LitContainer<>()
            .withEnv("WHO", "Testcontainers")
            .withCommand("/bin/sh", "-c", "echo \"hello, $WHO\"; exec sleep 60")
            .waitingFor(LitWait.forLogMessage(".*hello.*\\n", 1));

    @Test
    void theWebServerAnswersOnItsMappedPort() throws Exception {
        URI uri = URI.create("http://" + web.getHost() + ":" + web.getMappedPort(8080) + "/");
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            assertEquals(200, connection.getResponseCode());
            assertEquals("<h1>served by Lit</h1>\n", new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void theGreeterIsRunningAndItsLogsHoldTheGreeting() {
        assertTrue(greeter.isRunning());
        assertEquals("hello, Testcontainers\n", greeter.getLogs());
    }

    @Test
    void execInContainerRunsACommandBesideTheGreeter() throws Exception {
        ExecResult r = greeter.execInContainer("/bin/sh", "-c", "echo \"$WHO says hi from PID $$\"");
        assertEquals(0, r.getExitCode());
        assertTrue(r.getStdout().startsWith("Testcontainers says hi from PID "), r::toString);
    }

    private static Path page() {
        try {
            Path file = Files.createTempFile("lit-example-", ".html");
            file.toFile().deleteOnExit();
            return Files.writeString(file, "<h1>served by Lit</h1>\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
