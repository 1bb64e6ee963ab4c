package dev.lit.cli;

import static dev.lit.cli.Cli.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Lit;
import dev.lit.cli.Cli.Outcome;
import dev.lit.linux.LinuxRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lit up} and {@code lit down} on real containers and networks. */
@Tag("root")
class UpDownTest {
    @TempDir
    Path dir;

    private final String name = "t" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void root() {
        Cli.assumeRoot();
    }

    @AfterEach
    void nothingLeft() throws IOException {
        Path state = ((LinuxRuntime) Lit.runtime()).stateRoot().path();
        assertEquals(List.of(), list(state.resolve("containers")), "containers left");
        assertEquals(List.of(), list(state.resolve("apps")).stream().filter(p -> p.getFileName().toString().startsWith(name)).toList(),
                "application records left");
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private Path file(String services) throws IOException {
        return Files.writeString(dir.resolve("lit.yml"), "name: " + name + "\nservices:\n" + services.stripIndent().indent(2));
    }

    private static final String STORE = """
            store:
              entrypoint: [/bin/sh, -c, "mkdir -p /w && echo stored-value > /w/v && exec busybox httpd -f -p 80 -h /w"]
              networks: { default: { aliases: [db] } }
              ready: { port: 80, interval: 50ms }
            """;

    @Test
    void upStreamsPrefixedOutputAndEndsWithTheExitCodeOfTheServiceAsked() throws IOException {
        Path file = file(STORE + """
                client:
                  entrypoint: [/bin/sh, -c, "busybox wget -qO- http://db/v; exit 3"]
                  depends_on: [store]
                """);
        Outcome o = lit("up", "--exit-code-from", "client", file.toString());
        assertEquals(3, o.status(), o::toString);
        assertTrue(o.out().contains("client | stored-value"), o::toString);
        assertTrue(o.err().contains("lit: store ready"), o::toString);
        assertTrue(o.err().indexOf("lit: client stopped") < o.err().indexOf("lit: store stopping"), o::toString);
        assertTrue(o.err().contains("lit: application '" + name + "' is down"), o::toString);
    }

    @Test
    void aServiceThatFailsEndsUpWith125NamingItAndLeavesNothing() throws IOException {
        Path file = file(STORE + """
                app:
                  entrypoint: [/bin/sh, -c, "echo no config >&2; exit 1"]
                  depends_on: [store]
                  ready: { port: 8080 }
                """);
        Outcome o = lit("up", file.toString());
        assertEquals(125, o.status(), o::toString);
        assertTrue(o.err().contains("service 'app' failed to start: it exited with code 1 before it was ready"), o::toString);
        assertTrue(o.err().contains("no config"), o::toString);
    }

    @Test
    void aFileWithOneContainerComesUpAsOneServiceAndEndsWithIt() {
        Outcome o = lit("up", Path.of("..", "examples", "hello", "lit.yml").toString());
        assertEquals(0, o.status(), o::toString);
        assertTrue(o.out().contains("hello | Hello from hello"), o::toString);
    }

    @Test
    void downOfAnApplicationThatIsNotUpSaysSoAndSucceeds() throws IOException {
        Outcome o = lit("down", file(STORE).toString());
        assertEquals(0, o.status(), o::toString);
        assertTrue(o.err().startsWith("lit: application '" + name + "' is not up"), o::toString);
        assertEquals(1, o.err().strip().lines().count(), () -> "one line: " + o);
    }

    @Test
    void downRemovesTheRecordsOfUpsThatWereKilled() throws IOException {
        Path record = AppState.pathOf(name + "-killed");
        Files.createDirectories(record.getParent());
        Files.writeString(record, "pid=2147483600\nstart=0\nfile=" + dir.resolve("lit.yml") + "\n");
        Outcome o = lit("down", file(STORE).toString());
        assertEquals(0, o.status(), o::toString);
        assertTrue(Files.notExists(record), o::toString);
    }

    @Test
    void detachIsRefusedClearly() throws IOException {
        Outcome o = lit("up", "-d", file(STORE).toString());
        assertEquals(125, o.status(), o::toString);
        assertTrue(o.err().contains("--detach is not supported yet"), o::toString);
    }

    /** lit up FILE in its own process, as from a shell, once it says the application is up; its stderr lines collect in {@code err}. */
    private static Process upElsewhere(Path file, List<String> err) throws Exception {
        Process up = litProcess("up", file.toString());
        CompletableFuture<Void> isUp = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(up.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (err) {
                        err.add(line);
                    }
                    if (line.contains("is up")) {
                        isUp.complete(null);
                    }
                }
            } catch (IOException e) {
                isUp.completeExceptionally(e);
            }
            isUp.complete(null);
        });
        isUp.get(60, TimeUnit.SECONDS);
        return up;
    }

    private static String joined(List<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Test
    void downAfterUpWasKilledRemovesWhatItLeft() throws Exception {
        Path file = file(STORE + """
                app:
                  entrypoint: [/bin/sh, -c, "exec sleep 60"]
                  depends_on: [store]
                """);
        List<String> err = new ArrayList<>();
        Process up = upElsewhere(file, err);
        assertTrue(up.isAlive(), () -> joined(err));
        up.destroyForcibly();
        assertTrue(up.waitFor(30, TimeUnit.SECONDS));
        Outcome down = lit("down", file.toString());
        assertEquals(0, down.status(), down::toString);
        assertTrue(down.err().contains("is not up; removed "), down::toString);
        assertEquals(1, down.err().strip().lines().count(), () -> "one line: " + down);
    }

    @Test
    void ctrlCStopsTheServicesInReverseOrderAndExitsZero() throws Exception {
        Path file = file(STORE + """
                app:
                  entrypoint: [/bin/sh, -c, "exec sleep 60"]
                  depends_on: [store]
                """);
        List<String> err = new ArrayList<>();
        Process up = upElsewhere(file, err);
        try {
            assertTrue(up.isAlive(), () -> joined(err));
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(up.pid())).start().waitFor());
            assertTrue(up.waitFor(30, TimeUnit.SECONDS), "lit up did not end");
            assertEquals(0, up.exitValue(), () -> joined(err));
            String log = joined(err);
            assertTrue(log.contains("lit: stopping"), log);
            assertTrue(log.indexOf("app stopped") < log.indexOf("store stopping"), log);
            assertTrue(log.endsWith("lit: application '" + name + "' is down"), log);
        } finally {
            up.destroyForcibly();
            up.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The README's web example: a one-container file on a named network, brought up as an application of one service. */
    @Test
    void theWebExampleComesUpServesOnLoopbackAndGoesDown() throws Exception {
        Path file = Path.of("..", "examples", "web", "lit.yml").toAbsolutePath().normalize();
        List<String> err = new ArrayList<>();
        Process up = upElsewhere(file, err);
        try {
            assertTrue(up.isAlive(), () -> joined(err));
            assertTrue(joined(err).contains("is up"), () -> joined(err));
            String page = "";
            try (var client = java.net.http.HttpClient.newHttpClient()) {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:18080/")).build();
                for (int i = 0; i < 50 && !page.contains("hello from"); i++) {
                    try {
                        page = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    } catch (IOException e) {
                        Thread.sleep(100); // httpd starting
                    }
                }
            }
            assertTrue(page.contains("hello from web"), page);
            Outcome down = lit("down", file.toString());
            assertEquals(0, down.status(), down::toString);
            assertTrue(up.waitFor(30, TimeUnit.SECONDS), "lit up did not end");
        } finally {
            up.destroyForcibly();
            up.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** lit up in its own process, as from a shell; lit down from "another shell" (this JVM) stops it in order. */
    @Test
    void downStopsAnUpRunningElsewhereAndASecondUpIsRefused() throws Exception {
        Path file = file(STORE + """
                app:
                  entrypoint: [/bin/sh, -c, "while true; do busybox wget -qO- http://db/v; sleep 1; done"]
                  depends_on: [store]
                """);
        List<String> err = new ArrayList<>();
        Process up = upElsewhere(file, err);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        try {
            assertTrue(up.isAlive(), err::toString);
            Outcome second = lit("up", file.toString());
            assertEquals(125, second.status(), second::toString);
            assertTrue(second.err().contains("is already up (lit up, pid " + up.pid()), second::toString);

            Outcome down = lit("down", file.toString());
            assertEquals(0, down.status(), down::toString);
            assertTrue(up.waitFor(30, TimeUnit.SECONDS), "lit up did not end");
            assertEquals(0, up.exitValue(), err::toString);
            String log = joined(err);
            assertTrue(log.indexOf("app stopped") < log.indexOf("store stopping"), log);
            assertTrue(out.get(10, TimeUnit.SECONDS).contains("app   | stored-value"), out::toString);
        } finally {
            up.destroyForcibly();
            up.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The runtime class path as a module path, as EndToEndTest runs lit. */
    private static Process litProcess(String... args) throws IOException {
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes"))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches(
                        "(junit|opentest4j|apiguardian|surefire|maven-surefire|common-java|common-junit).*"))
                .collect(Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=dev.lit.linux",
                "-p", modulePath, "-m", "dev.lit.cli/dev.lit.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
