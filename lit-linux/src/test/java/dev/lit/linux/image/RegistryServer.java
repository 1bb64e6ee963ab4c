package dev.lit.linux.image;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OCI registry on loopback for a test class: Debian's {@code docker-registry}
 * (distribution 2.8) in a temporary directory on a free port, optionally with htpasswd basic
 * auth. Installed with apt-get when missing; the test is skipped when it cannot be.
 */
final class RegistryServer implements BeforeAllCallback, AfterAllCallback {
    static final String USER = "lit";
    static final String PASSWORD = "s3cret";

    private final boolean basicAuth;
    private Path dir;
    private Process process;
    private int port;

    RegistryServer(boolean basicAuth) {
        this.basicAuth = basicAuth;
    }

    static RegistryServer plain() {
        return new RegistryServer(false);
    }

    static RegistryServer withBasicAuth() {
        return new RegistryServer(true);
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensureInstalled("docker-registry", "docker-registry");
        dir = Files.createTempDirectory("lit-registry-");
        port = freePort();
        StringBuilder yml = new StringBuilder("""
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                  secret: lit-test-secret
                """.formatted(dataDir(), port));
        if (basicAuth) {
            ensureInstalled("htpasswd", "apache2-utils");
            Process p = new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD).redirectErrorStream(false).start();
            String line = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            Files.writeString(dir.resolve("htpasswd"), line + "\n");
            yml.append("""
                    auth:
                      htpasswd:
                        realm: lit-test
                        path: %s
                    """.formatted(dir.resolve("htpasswd")));
        }
        Files.writeString(dir.resolve("config.yml"), yml);
        process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        waitUntilUp();
    }

    private void waitUntilUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        if (dir != null) {
            Trees.deleteQuietly(dir);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Installs a Debian package when its command is missing; skips the test if that fails. */
    static void ensureInstalled(String command, String pkg) throws Exception {
        if (onPath(command)) {
            return;
        }
        Process p = new ProcessBuilder("sh", "-c", "apt-get install -y -q " + pkg + " || (apt-get update -q && apt-get install -y -q " + pkg + ")")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(300, TimeUnit.SECONDS);
        assumeTrue(onPath(command), "needs " + command + " (apt-get install " + pkg + ")");
    }

    static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, failing the test with its output if it fails. */
    static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
