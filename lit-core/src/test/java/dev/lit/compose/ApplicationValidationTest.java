package dev.lit.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import dev.lit.NetworkAttachment;
import dev.lit.NetworkMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationValidationTest {
    private static final ContainerSpec SLEEP = Container.builder().entrypoint("sleep 100").build();

    private static ServiceSpec.Builder service(String name, String... dependsOn) {
        return ServiceSpec.builder(name).container(SLEEP).dependsOn(dependsOn);
    }

    private static List<String> names(Application app) {
        return app.services().stream().map(ServiceSpec::name).toList();
    }

    @Test
    void servicesAreOrderedAfterWhatTheyDependOnAndOtherwiseAsDeclared() {
        Application app = Application.builder("shop")
                .service(service("client", "web"))
                .service(service("web", "db", "cache"))
                .service(service("metrics"))
                .service(service("cache"))
                .service(service("db"))
                .build();
        assertEquals(List.of("db", "cache", "web", "client", "metrics"), names(app));
    }

    @Test
    void aCycleIsRefusedWithItsPathNamed() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Application.builder("a")
                .service(service("web", "api"))
                .service(service("api", "db"))
                .service(service("db", "web"))
                .service(service("other"))
                .build());
        assertEquals("dependency cycle: web -> api -> db -> web", e.reason());
    }

    @Test
    void anUnknownDependencyNamesTheServiceAndTheKnownOnes() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Application.builder("a")
                .service(service("web", "dbb")).service(service("db")).build());
        assertEquals("services.web.depends_on", e.field());
        assertTrue(e.reason().contains("'dbb' is not a service of this application (services: web, db)"), e.reason());
    }

    @Test
    void aServiceDefinedTwiceOrDependingOnItselfIsRefused() {
        assertEquals("service 'db' is defined twice", assertThrows(InvalidSpecException.class,
                () -> Application.builder("a").service(service("db")).service(service("db")).build()).reason());
        assertEquals("a service cannot depend on itself",
                assertThrows(InvalidSpecException.class, () -> service("db", "db").build()).reason());
        assertEquals("'x' is listed twice",
                assertThrows(InvalidSpecException.class, () -> service("db", "x", "x").build()).reason());
    }

    @Test
    void servicesJoinTheDefaultNetworkUnlessTheyNameOthersOrNone() {
        Application app = Application.builder("a")
                .network("back")
                .service(service("db").network("back", "store"))
                .service(service("web"))
                .service(service("job").noNetwork())
                .service(ServiceSpec.builder("probe").container(SLEEP.toBuilder().network(NetworkMode.host())))
                .build();
        assertEquals(List.of(NetworkAttachment.of("back", "store")), app.service("db").networks());
        assertEquals(List.of(NetworkAttachment.of("default")), app.service("web").networks());
        assertEquals(List.of(), app.service("job").networks());
        assertEquals(List.of(), app.service("probe").networks());
        assertEquals(List.of("back", "default"), app.networks().stream().map(n -> n.name()).toList());
        assertEquals("a_back", app.networkName("back"));
        assertEquals("a-db", app.containerName("db"));
    }

    @Test
    void theNetworksAContainerSpecNamesAreTheServicesNetworks() {
        ServiceSpec s = ServiceSpec.builder("db").container(Container.builder().entrypoint("sleep 1").network("back", "store").expose(5432)).build();
        assertEquals(List.of(NetworkAttachment.of("back", "store")), s.networks());
        assertEquals(5432, s.ports().getFirst().containerPort());
        ServiceSpec exposed = ServiceSpec.builder("web").container(Container.builder().entrypoint("sleep 1").expose(80)).build();
        assertEquals(List.of(NetworkAttachment.of("default")), exposed.networks());
    }

    @Test
    void anUndeclaredNetworkAndAnAliasTwoServicesClaimAreRefused() {
        InvalidSpecException undeclared = assertThrows(InvalidSpecException.class,
                () -> Application.builder("a").service(service("db").network("back")).build());
        assertTrue(undeclared.reason().startsWith("network 'back' is not declared by the application"), undeclared.reason());
        InvalidSpecException clash = assertThrows(InvalidSpecException.class, () -> Application.builder("a").network("n")
                .service(service("db").network("n", "store"))
                .service(service("cache").network("n", "store"))
                .build());
        assertEquals("'store' on network 'n' already names service 'db'", clash.reason());
        InvalidSpecException nameAsAlias = assertThrows(InvalidSpecException.class, () -> Application.builder("a").network("n")
                .service(service("db").network("n"))
                .service(service("cache").network("n", "db"))
                .build());
        assertEquals("'db' on network 'n' already names service 'db'", nameAsAlias.reason());
    }

    @Test
    void aPortCheckNeedsANetworkToReachThePortOn() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> service("db").noNetwork().readyWhen(ReadinessCheck.port(5432)).build());
        assertEquals("services.db.ready.port", e.field());
    }

    @Test
    void readinessPacingAndChecksAreValidated() {
        assertThrows(InvalidSpecException.class, () -> ReadinessCheck.port(0));
        assertThrows(InvalidSpecException.class, () -> ReadinessCheck.log("(unclosed"));
        assertThrows(InvalidSpecException.class, () -> ReadinessCheck.command(List.of()));
        assertThrows(InvalidSpecException.class, () -> Readiness.of(ReadinessCheck.port(80)).withRetries(0));
        assertThrows(InvalidSpecException.class, () -> Readiness.of(ReadinessCheck.port(80)).withInterval(java.time.Duration.ZERO));
    }

    @Test
    void badNamesAreRefused() {
        assertThrows(InvalidSpecException.class, () -> ServiceSpec.builder("-web"));
        assertThrows(InvalidSpecException.class, () -> ServiceSpec.builder("we b"));
        assertThrows(InvalidSpecException.class, () -> Application.builder("my app").service(service("db")).build());
        assertThrows(InvalidSpecException.class, () -> Application.builder("a").build());
    }
}
