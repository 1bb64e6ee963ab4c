package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.NetworkAttachment;
import dev.lit.NetworkSpec;
import dev.lit.compose.Application;
import dev.lit.compose.Dependency;
import dev.lit.compose.Readiness;
import dev.lit.compose.ReadinessCheck;
import dev.lit.compose.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lit.yml files with {@code services:}: what they map to, and every mistake at its line and column. */
class ServicesFileTest {
    @TempDir
    Path dir;

    private Application parse(String yaml) {
        return LitFile.parseApplication(yaml, dir.resolve("My Shop"), Map.of("DB_PORT", "5433"));
    }

    private LitFileException failure(String yaml) {
        return assertThrows(LitFileException.class, () -> parse(yaml));
    }

    private static void assertAt(LitFileException e, int line, int column, String fragment) {
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static final String THREE_TIER = """
            name: shop
            networks:
              back: { subnet: 10.89.7.0/24, internal: true }
              front:
            services:
              client:
                entrypoint: wget -qO- http://web:8080/
                depends_on: [web]
                networks: [front]
              web:
                entrypoint: [/bin/sh, -c, "exec httpd -f -p 8080"]
                depends_on:
                  store: { condition: ready }
                  migrate: { condition: service_completed_successfully }
                networks:
                  front: { aliases: [www] }
                  back:
                ready: { port: 8080, interval: 200ms, retries: 50 }
                stop_timeout: 3s
              store:
                entrypoint: nc -lk -p ${DB_PORT}
                env: { MODE: kv }
                networks: { back: { aliases: [db, kv] } }
                healthcheck: { log: "listening on .*", timeout: 1s }
              migrate:
                entrypoint: "true"
                networks: []
            """;

    @Test
    void aServicesFileMapsOntoAnApplication() {
        Application app = parse(THREE_TIER);
        assertEquals("shop", app.name());
        assertEquals(List.of("store", "migrate", "web", "client"), app.services().stream().map(ServiceSpec::name).toList());
        assertEquals(List.of(new NetworkSpec("back", "10.89.7.0/24", null, 1500, true), NetworkSpec.defaults("front")), app.networks());

        ServiceSpec web = app.service("web");
        assertEquals(List.of(Dependency.on("store"), Dependency.completed("migrate")), web.dependsOn());
        assertEquals(List.of(NetworkAttachment.of("front", "www"), NetworkAttachment.of("back")), web.networks());
        assertEquals(new Readiness(ReadinessCheck.port(8080), Duration.ofMillis(200), Readiness.DEFAULT_TIMEOUT, 50), web.readiness());
        assertEquals(Duration.ofSeconds(3), web.stopTimeout());

        ServiceSpec store = app.service("store");
        assertEquals(List.of("nc", "-lk", "-p", "5433"), store.container().entrypoint());
        assertEquals("kv", store.container().env().get("MODE"));
        assertEquals(List.of(NetworkAttachment.of("back", "db", "kv")), store.networks());
        assertEquals(ReadinessCheck.log("listening on .*"), store.readiness().check());
        assertEquals(Duration.ofSeconds(1), store.readiness().timeout());

        assertEquals(List.of(), app.service("migrate").networks());
        assertEquals(List.of(Dependency.on("web")), app.service("client").dependsOn());
        assertNull(app.service("client").readiness());
    }

    @Test
    void servicesWithoutNetworksShareTheDefaultOneAndTheDirectoryNamesTheApplication() {
        Application app = parse("""
                services:
                  a: { entrypoint: sleep 1 }
                  b: { entrypoint: sleep 1, depends_on: { a: { condition: started } } }
                """);
        assertEquals("my-shop", app.name());
        assertEquals(List.of(NetworkSpec.defaults("default")), app.networks());
        assertEquals(List.of(Dependency.started("a")), app.service("b").dependsOn());
    }

    @Test
    void aFileWithOneContainerIsAnApplicationOfOneService() {
        Application app = parse("name: hello\nentrypoint: echo hi\n");
        assertEquals("hello", app.name());
        assertEquals("hello", app.services().getFirst().name());
        assertEquals(List.of("echo", "hi"), app.services().getFirst().container().entrypoint());
        assertEquals("main", parse("entrypoint: echo hi\n").services().getFirst().name());
    }

    @Test
    void readinessCommandsTakeEveryForm() {
        Application app = parse("""
                services:
                  a: { entrypoint: sleep 1, ready: { command: "pg_isready -U app" } }
                  b: { entrypoint: sleep 1, healthcheck: { test: [CMD, redis-cli, ping] } }
                  c: { entrypoint: sleep 1, healthcheck: { test: [CMD-SHELL, "curl -f localhost || exit 1"] } }
                """);
        assertEquals(ReadinessCheck.command("pg_isready", "-U", "app"), app.service("a").readiness().check());
        assertEquals(ReadinessCheck.command("redis-cli", "ping"), app.service("b").readiness().check());
        assertEquals(ReadinessCheck.command("/bin/sh", "-c", "curl -f localhost || exit 1"), app.service("c").readiness().check());
    }

    @Test
    void aCycleIsReportedAtTheDependenciesOfItsFirstService() {
        LitFileException e = failure("""
                services:
                  web:
                    entrypoint: sleep 1
                    depends_on: [api]
                  api:
                    entrypoint: sleep 1
                    depends_on: [web]
                """);
        assertAt(e, 4, 17, "dependency cycle: web -> api -> web");
    }

    @Test
    void anUnknownDependencyIsReportedWhereItIsNamed() {
        assertAt(failure("""
                services:
                  db: { entrypoint: sleep 1 }
                  web:
                    entrypoint: sleep 1
                    depends_on: [dbb]
                """), 5, 17, "'dbb' is not a service of this application (services: db, web)");
    }

    @Test
    void anUndeclaredNetworkIsReportedWhereTheServiceNamesIt() {
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    networks: [back]
                """), 4, 16, "network 'back' is not declared by the application");
        assertAt(failure("""
                networks: [front]
                services:
                  db:
                    entrypoint: sleep 1
                    networks:
                      front: {}
                      back: { aliases: [store] }
                """), 7, 7, "network 'back' is not declared by the application");
    }

    @Test
    void aOneContainerFileDeclaresTheNetworksItJoins() {
        Application app = parse("""
                name: web
                entrypoint: sleep 1
                network:
                  networks:
                    front: { aliases: [www] }
                """);
        assertEquals(List.of("front"), app.networks().stream().map(NetworkSpec::name).toList());
        assertEquals(List.of(NetworkAttachment.of("front", "www")), app.service("web").networks());
    }

    @Test
    void anApplicationCheckOnAOneContainerFileIsReportedAtTheNetworkName() {
        String longName = "n".repeat(62);
        assertAt(failure("""
                name: web
                entrypoint: sleep 1
                network:
                  networks: [front, %s]
                """.formatted(longName)), 4, 21, "network '" + longName + "' of application 'web'");
    }

    @Test
    void singleContainerKeysAtTheTopOfAServicesFileAreSentUnderAService() {
        assertAt(failure("""
                entrypoint: sleep 1
                services:
                  db: { entrypoint: sleep 1 }
                """), 1, 1, "'entrypoint' belongs to a service in a file with services");
    }

    @Test
    void typosInAServiceGetSuggestions() {
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    depend_on: [x]
                """), 4, 5, "unknown key 'depend_on' in services.db (did you mean 'depends_on'?)");
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    ready: { port: 80, intervl: 1s }
                """), 4, 24, "unknown key 'intervl'");
    }

    @Test
    void badValuesAreReportedAtTheirPlace() {
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    ready: { port: 70000 }
                """), 4, 20, "70000 is not a port");
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    ready: { log: "(oops" }
                """), 4, 19, "is not a regular expression");
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    ready: { port: 80, log: x }
                """), 4, 24, "has two checks, port and log");
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    ready: { port: 80, interval: soon }
                """), 4, 34, "'soon' is not a duration");
        assertAt(failure("""
                services:
                  db:
                    entrypoint: sleep 1
                    depends_on: { x: { condition: healthy-ish } }
                """), 4, 35, "must be started, ready or completed");
        assertAt(failure("""
                services:
                  db:
                    name: x
                    entrypoint: sleep 1
                """), 3, 5, "a service is named by its key");
        assertAt(failure("""
                services:
                  db:
                    resources: { memory: 12Q }
                    entrypoint: sleep 1
                """), 3, 26, "resources.memory");
        assertAt(failure("services: {}\n"), 1, 11, "services is empty");
        assertAt(failure("""
                networks: { back: { subnet: 10.1.2.3/24 } }
                services:
                  db: { entrypoint: sleep 1 }
                """), 1, 19, "has host bits set");
    }

    @Test
    void loadingAServicesFileAsOneContainerSaysToBringItUp() {
        LitFileException e = assertThrows(LitFileException.class, () -> LitFile.parse("services:\n  a: { entrypoint: sleep 1 }\n", dir, Map.of()));
        assertAt(e, 1, 1, "this file describes several services");
        assertInstanceOf(LitFileException.class, e);
    }
}
