package dev.lit.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.NetworkMode;
import dev.lit.compose.ApplicationListener.ServiceEvent;
import dev.lit.compose.ApplicationListener.State;
import dev.lit.compose.ScriptedRuntime.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The orchestration's order and failure handling, on scripted containers (real ones: lit-linux's ServicesTest). */
class OrchestrationTest {
    private static final ContainerSpec SLEEP = Container.builder().entrypoint("sleep 100").build();
    private final ScriptedRuntime runtime = new ScriptedRuntime();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final ApplicationListener listener = new ApplicationListener() {
        @Override
        public void event(ServiceEvent event) {
            events.add(event.state() + " " + event.service());
        }
    };

    private static Readiness logReady(String regex) {
        return Readiness.of(ReadinessCheck.log(regex)).withInterval(Duration.ofMillis(20)).withRetries(50);
    }

    private Application threeTier() {
        return Application.builder("shop")
                .service(ServiceSpec.builder("client").container(SLEEP).dependsOn("web"))
                .service(ServiceSpec.builder("web").container(SLEEP).dependsOn("db").readiness(logReady("listening")))
                .service(ServiceSpec.builder("db").container(SLEEP).readiness(logReady("ready to accept")))
                .build();
    }

    @Test
    void eachServiceStartsOnceWhatItDependsOnIsReadyAndStopsInReverse() throws Exception {
        runtime.scripts.put("shop-db", Script.runs().writes(Duration.ofMillis(100), "booting", "ready to accept connections"));
        runtime.scripts.put("shop-web", Script.runs().writes(Duration.ofMillis(50), "listening on 80"));
        RunningApplication app = RunningApplication.start(runtime, threeTier(), listener);
        assertEquals(List.of("STARTING db", "STARTED db", "READY db", "STARTING web", "STARTED web", "READY web",
                "STARTING client", "STARTED client", "READY client"), List.copyOf(events));
        assertEquals(List.of("network shop_default", "start shop-db", "start shop-web", "start shop-client"), List.copyOf(runtime.log));
        runtime.log.clear();
        app.close();
        assertEquals(List.of("kill SIGTERM shop-client", "close shop-client", "kill SIGTERM shop-web", "close shop-web",
                "kill SIGTERM shop-db", "close shop-db", "remove network shop_default"), List.copyOf(runtime.log));
        app.close();
        assertEquals(7, runtime.log.size(), "down is idempotent");
    }

    @Test
    void theContainerSpecGetsTheApplicationsNamesNetworksAndStreams() throws Exception {
        Application app = Application.builder("shop").network("back")
                .service(ServiceSpec.builder("db").container(SLEEP.toBuilder().expose(5432)).network("back", "store"))
                .build();
        try (RunningApplication running = RunningApplication.start(runtime, app, listener)) {
            ContainerSpec spec = running.container("db").spec();
            assertEquals("shop-db", spec.name());
            assertEquals("db", spec.hostname());
            NetworkMode.Bridge bridge = assertInstanceOf(NetworkMode.Bridge.class, spec.network());
            assertEquals("shop_back", bridge.networks().getFirst().network());
            assertEquals(List.of("db", "store"), bridge.networks().getFirst().aliases());
            assertEquals(5432, bridge.ports().getFirst().containerPort());
            assertEquals(List.of("shop_back"), runtime.networks);
        }
        assertEquals(List.of(), runtime.networks);
    }

    @Test
    void aServiceThatCannotStartAbortsTheStartAndRemovesWhatStarted() {
        runtime.scripts.put("shop-db", Script.runs().writes(Duration.ofMillis(10), "ready to accept"));
        runtime.scripts.put("shop-web", Script.cannotStart());
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> RunningApplication.start(runtime, threeTier(), listener));
        assertEquals("web", e.service());
        assertTrue(e.getMessage().startsWith("service 'web' failed to start: cannot start container"), e.getMessage());
        assertTrue(runtime.allClosed());
        assertFalse(runtime.log.contains("start shop-client"), "client never starts");
        assertEquals("remove network shop_default", runtime.log.getLast());
        assertTrue(events.contains("FAILED web"));
    }

    @Test
    void aServiceThatEndsBeforeItIsReadyFailsWithItsStatusAndLastOutput() {
        runtime.scripts.put("shop-db", Script.runs().writes(Duration.ofMillis(10), "FATAL: data directory is corrupt").thenExits(3));
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> RunningApplication.start(runtime, threeTier(), listener));
        assertEquals("db", e.service());
        assertTrue(e.getMessage().contains("it exited with code 3 before it was ready"), e.getMessage());
        assertTrue(e.getMessage().contains("FATAL: data directory is corrupt"), e.getMessage());
        assertTrue(runtime.allClosed());
        assertEquals(List.of("start shop-db"), runtime.log.stream().filter(l -> l.startsWith("start")).toList());
    }

    @Test
    void aReadinessCheckThatNeverPassesGivesUpAfterItsRetries() {
        Application app = Application.builder("a")
                .service(ServiceSpec.builder("db").container(SLEEP).readiness(logReady("never").withRetries(3)))
                .service(ServiceSpec.builder("web").container(SLEEP).dependsOn("db"))
                .build();
        runtime.scripts.put("a-db", Script.runs().writes(Duration.ofMillis(5), "still booting"));
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> RunningApplication.start(runtime, app, listener));
        assertTrue(e.getMessage().contains("no log line matched /never/"), e.getMessage());
        assertTrue(e.getMessage().contains("still booting"), e.getMessage());
        assertTrue(runtime.allClosed());
    }

    @Test
    void aFailureWakesAServiceStillWaitingForItsLogLine() {
        Application app = Application.builder("a")
                .service(ServiceSpec.builder("slow").container(SLEEP).readiness(logReady("never").withRetries(100_000)))
                .service(ServiceSpec.builder("broken").container(SLEEP))
                .build();
        runtime.scripts.put("a-broken", Script.cannotStart());
        long start = System.nanoTime();
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> RunningApplication.start(runtime, app, listener));
        assertEquals("broken", e.service());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the log wait was not cut short");
        assertTrue(runtime.allClosed());
    }

    @Test
    void independentServicesStartWithoutWaitingForEachOther() throws Exception {
        Application app = Application.builder("a")
                .service(ServiceSpec.builder("slow").container(SLEEP).readiness(logReady("up")))
                .service(ServiceSpec.builder("fast").container(SLEEP))
                .service(ServiceSpec.builder("web").container(SLEEP).dependsOn("slow", "fast"))
                .build();
        runtime.scripts.put("a-slow", Script.runs().writes(Duration.ofMillis(300), "up"));
        try (RunningApplication running = RunningApplication.start(runtime, app, listener)) {
            assertTrue(events.indexOf("READY fast") < events.indexOf("READY slow"), events.toString());
            assertTrue(events.indexOf("STARTING web") > events.indexOf("READY slow"), events.toString());
        }
    }

    @Test
    void aDependencyOnCompletionWaitsForASuccessfulEnd() throws Exception {
        Application ok = Application.builder("a")
                .service(ServiceSpec.builder("migrate").container(SLEEP))
                .service(ServiceSpec.builder("web").container(SLEEP).dependsOn(Dependency.completed("migrate")))
                .build();
        runtime.scripts.put("a-migrate", Script.runs().writes(Duration.ofMillis(50), "migrated").thenExits(0));
        try (RunningApplication running = RunningApplication.start(runtime, ok, listener)) {
            assertFalse(running.container("migrate").isAlive());
            assertTrue(running.container("web").isAlive());
        }
        runtime.scripts.put("a-migrate", Script.runs().writes(Duration.ofMillis(10), "duplicate key").thenExits(1));
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> RunningApplication.start(runtime, ok, listener));
        assertEquals("migrate", e.service());
        assertTrue(e.getMessage().contains("exited with code 1"), e.getMessage());
        assertTrue(runtime.allClosed());
    }

    @Test
    void aServiceThatIgnoresSigtermIsKilledAfterItsStopTimeout() throws Exception {
        Application app = Application.builder("a")
                .service(ServiceSpec.builder("stubborn").container(SLEEP).stopTimeout(Duration.ofMillis(200)))
                .build();
        runtime.scripts.put("a-stubborn", Script.runs().ignoringSigterm());
        RunningApplication running = RunningApplication.start(runtime, app, listener);
        long start = System.nanoTime();
        running.down();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 200 && ms < 5000, ms + " ms");
        assertTrue(runtime.allClosed());
    }

    @Test
    void anInterruptedStartRemovesWhatStarted() throws Exception {
        Application app = Application.builder("a")
                .service(ServiceSpec.builder("db").container(SLEEP).readiness(logReady("never").withRetries(1000)))
                .build();
        Thread caller = Thread.currentThread();
        Thread.ofVirtual().start(() -> {
            while (runtime.started.isEmpty()) {
                Thread.onSpinWait();
            }
            caller.interrupt();
        });
        assertThrows(InterruptedException.class, () -> RunningApplication.start(runtime, app, listener));
        assertTrue(runtime.allClosed());
        assertEquals(List.of(), runtime.networks);
    }
}
