package dev.lit.linux.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.compose.Application;
import dev.lit.compose.ApplicationListener;
import dev.lit.compose.Readiness;
import dev.lit.compose.ReadinessCheck;
import dev.lit.compose.RunningApplication;
import dev.lit.compose.ServiceSpec;
import dev.lit.compose.ServiceStartException;
import dev.lit.compose.ApplicationListener.State;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.Leaks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Applications of several real containers on real bridge networks: order, names, failure, cleanup. */
@Tag("root")
class ServicesTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    /** The ids of the containers started, whose veths the leak check looks for. */
    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    private final ApplicationListener listener = new ApplicationListener() {
        @Override
        public void output(LogLine line) {
            output.add(line.service() + "|" + line.text());
        }

        @Override
        public void event(ServiceEvent event) {
            events.add(event.state() + " " + event.service());
            if (event.state() == State.STARTED) {
                ids.add(event.detail());
            }
        }
    };

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    @AfterEach
    void nothingLeft() {
        Leaks.assertNone();
        assertEquals(List.of(), networkLeaks(), "network leftovers");
    }

    /** Bridges and nft tables of this state root, veths of this test's containers, network records. */
    private List<String> networkLeaks() {
        BridgeNetworks networks = new BridgeNetworks(((LinuxRuntime) Lit.runtime()).stateRoot().path());
        List<String> leaks = new ArrayList<>();
        BridgeNetworks.links(networks.bridgePrefix()).forEach(l -> leaks.add("bridge " + l));
        BridgeNetworks.links("lv").stream().filter(l -> List.copyOf(ids).stream().anyMatch(id -> l.startsWith("lv" + id)))
                .forEach(l -> leaks.add("veth " + l));
        Nat.tables(networks.bridgePrefix()).forEach(t -> leaks.add("nft table " + t));
        networks.store().all().forEach(n -> leaks.add("network state " + n.name()));
        return leaks;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static ContainerSpec.Builder sh(String script) {
        return Container.builder().entrypoint(List.of("/bin/sh", "-c", script));
    }

    private static Readiness quick(ReadinessCheck check) {
        return Readiness.of(check).withInterval(Duration.ofMillis(50)).withRetries(200);
    }

    /** A store (httpd serving a value), an app that reads it by alias at start and serves it, a client of the app. */
    private static Application threeServices(String name) {
        return Application.builder(name)
                .network("back").network("front")
                .service(ServiceSpec.builder("store")
                        .container(sh("mkdir -p /tmp/www && echo value-from-store > /tmp/www/value && exec busybox httpd -f -p 80 -h /tmp/www"))
                        .network("back", "db")
                        .readiness(quick(ReadinessCheck.port(80))))
                .service(ServiceSpec.builder("app")
                        // No retry: the store must be ready when the app starts.
                        .container(sh("mkdir -p /tmp/www && busybox wget -qO /tmp/www/index.html http://db/value && echo app serving"
                                + " && exec busybox httpd -f -p 8080 -h /tmp/www").expose(8080))
                        .network("front").network("back")
                        .dependsOn("store")
                        .readiness(quick(ReadinessCheck.log("app serving"))))
                .service(ServiceSpec.builder("client")
                        .container(sh("busybox wget -qO- http://app:8080/ && (busybox wget -T 2 -qO- http://db/value || echo store-unreachable)"))
                        .network("front")
                        .dependsOn("app"))
                .build();
    }

    @Test
    void threeServicesComeUpInDependencyOrderTalkByNameAndGoDownCleanly() throws Exception {
        try (RunningApplication app = Lit.up(threeServices(unique("t")), listener)) {
            assertEquals(List.of("STARTING store", "STARTED store", "READY store", "STARTING app", "STARTED app", "READY app",
                    "STARTING client", "STARTED client", "READY client"), List.copyOf(events));
            assertEquals(0, app.container("client").waitFor().code(), output.toString());
            app.container("client").result();
            assertTrue(output.contains("client|value-from-store"), output.toString());
            assertTrue(output.contains("client|store-unreachable"), "client is not on the store's network: " + output);
            assertTrue(httpGet(app.container("app").mappedPort(8080)).contains("value-from-store"));
        }
        assertEquals(List.of("STOPPING client", "STOPPED client", "STOPPING app", "STOPPED app", "STOPPING store", "STOPPED store"),
                events.subList(9, events.size()));
    }

    @Test
    void aPortCheckThroughAPublishedPortWaitsForTheServerBehindIt() throws Exception {
        Application app = Application.builder(unique("p"))
                .service(ServiceSpec.builder("store")
                        .container(sh("sleep 1; mkdir -p /w && echo late > /w/v && exec busybox httpd -f -p 80 -h /w").expose(80))
                        .readiness(quick(ReadinessCheck.port(80))))
                .service(ServiceSpec.builder("client").container(sh("busybox wget -qO- http://store/v")).dependsOn("store"))
                .build();
        try (RunningApplication running = Lit.up(app, listener)) {
            assertEquals(0, running.container("client").waitFor().code(), output.toString());
            running.container("client").result();
            assertTrue(output.contains("client|late"), output.toString());
        }
    }

    @Test
    void aCommandCheckRunsInsideTheServiceUntilItSucceeds() throws Exception {
        Application app = Application.builder(unique("c"))
                .service(ServiceSpec.builder("store")
                        .container(sh("sleep 1; mkdir -p /w && echo filled > /w/v; exec sleep 60"))
                        .readiness(quick(ReadinessCheck.command("test", "-s", "/w/v"))))
                .service(ServiceSpec.builder("client").container(sh("echo after")).dependsOn("store"))
                .build();
        try (RunningApplication running = Lit.up(app, listener)) {
            // The check looked inside the store's own root: the file it waited for is there.
            assertEquals("filled\n", running.container("store").exec("cat", "/w/v").result().stdoutText());
            assertTrue(events.indexOf("READY store") < events.indexOf("STARTING client"), events.toString());
        }
    }

    @Test
    void aCommandCheckThatNeverSucceedsNamesTheCommandAndItsError() {
        Application app = Application.builder(unique("d"))
                .service(ServiceSpec.builder("store")
                        .container(sh("exec sleep 60"))
                        .readiness(Readiness.of(ReadinessCheck.command("cat", "/no/such/file")).withInterval(Duration.ofMillis(50)).withRetries(3)))
                .build();
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> Lit.up(app, listener));
        assertEquals("store", e.service());
        assertTrue(e.getMessage().contains("cat /no/such/file") && e.getMessage().contains("No such file"), e.getMessage());
    }

    @Test
    void aServiceThatFailsAbortsTheStartNamingItAndLeavesNothing() {
        Application broken = Application.builder(unique("f"))
                .service(ServiceSpec.builder("store")
                        .container(sh("exec busybox httpd -f -p 80 -h /tmp"))
                        .readiness(quick(ReadinessCheck.port(80))))
                .service(ServiceSpec.builder("app")
                        .container(sh("echo cannot reach the store >&2; exit 3"))
                        .dependsOn("store")
                        .readiness(quick(ReadinessCheck.port(8080))))
                .service(ServiceSpec.builder("client").container(sh("true")).dependsOn("app"))
                .build();
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> Lit.up(broken, listener));
        assertEquals("app", e.service());
        assertTrue(e.getMessage().contains("exited with code 3 before it was ready"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot reach the store"), e.getMessage());
        assertFalse(events.contains("STARTING client"));
        assertTrue(events.contains("STOPPED store"), events.toString());
    }

    @Test
    void aServiceThatCannotStartAbortsTheStart() {
        Application broken = Application.builder(unique("n"))
                .service(ServiceSpec.builder("store").container(sh("sleep 30")))
                .service(ServiceSpec.builder("app").container(Container.builder().entrypoint("/no/such/program")).dependsOn("store"))
                .build();
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> Lit.up(broken, listener));
        assertEquals("app", e.service());
        assertTrue(events.contains("STOPPED store"), events.toString());
    }

    @Test
    void thirtyUpDownCyclesLeaveNoBridgeVethAddressRuleOrState() throws Exception {
        String name = unique("c");
        Application app = Application.builder(name)
                .service(ServiceSpec.builder("store")
                        .container(sh("exec busybox httpd -f -p 80 -h /tmp").expose(80))
                        .readiness(quick(ReadinessCheck.port(80))))
                .service(ServiceSpec.builder("app").container(sh("exec sleep 30")).dependsOn("store"))
                .build();
        for (int i = 0; i < 30; i++) {
            try (RunningApplication running = Lit.up(app, listener)) {
                assertTrue(running.container("app").isAlive());
            }
        }
        assertEquals(60, ids.size());
        assertEquals(List.of(), networkLeaks());
        Leaks.assertNone();
    }

    private static String httpGet(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
