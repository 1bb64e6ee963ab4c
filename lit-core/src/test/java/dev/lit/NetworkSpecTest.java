package dev.lit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Port mappings, network modes, declared networks and the builder's network methods. */
class NetworkSpecTest {

    @Test
    void portMappingsParseDockersForms() {
        assertEquals(new PortMapping("0.0.0.0", 0, 8080, PortMapping.Protocol.TCP), PortMapping.parse("8080"));
        assertEquals(new PortMapping("0.0.0.0", 18080, 8080, PortMapping.Protocol.TCP), PortMapping.parse("18080:8080"));
        assertEquals(new PortMapping("127.0.0.1", 18080, 8080, PortMapping.Protocol.UDP), PortMapping.parse("127.0.0.1:18080:8080/udp"));
        assertEquals(new PortMapping("0.0.0.0", 0, 8080, PortMapping.Protocol.TCP), PortMapping.parse("0:8080"));
        assertEquals(new PortMapping("::1", 53, 53, PortMapping.Protocol.TCP), PortMapping.parse("[::1]:53:53/TCP"));
        assertEquals("127.0.0.1:18080:8080/udp", PortMapping.parse("127.0.0.1:18080:8080/udp").toString());
    }

    @Test
    void badPortMappingsSayWhatIsWrong() {
        assertTrue(fails("8080:0").contains("port 0 is out of range"));
        assertTrue(fails("99999").contains("port 99999 is out of range"));
        assertTrue(fails("300.1.1.1:80:80").contains("invalid IPv4 address: 300.1.1.1"));
        assertTrue(fails("80/sctp").contains("unknown protocol 'sctp'"));
        assertTrue(fails("http").contains("'http' is not a port"));
    }

    private static String fails(String text) {
        return assertThrows(InvalidSpecException.class, () -> PortMapping.parse(text)).getMessage();
    }

    @Test
    void exposeJoinsTheDefaultNetworkAndANamedNetworkReplacesIt() {
        ContainerSpec spec = Container.builder().entrypoint("x").expose(8080).network("app", "db").network("other").build();
        NetworkMode.Bridge bridge = (NetworkMode.Bridge) spec.network();
        assertEquals(List.of(NetworkAttachment.of("app", "db"), NetworkAttachment.of("other")), bridge.networks());
        assertEquals(List.of(PortMapping.of(8080)), bridge.ports());
        assertEquals(NetworkMode.bridge(), Container.builder().entrypoint("x").network(NetworkMode.bridge()).build().network());
    }

    @Test
    void hostNetworkingRefusesPortsAndNetworks() {
        ContainerSpec.Builder b = Container.builder().entrypoint("x").network(NetworkMode.host());
        assertThrows(InvalidSpecException.class, () -> b.expose(80));
        assertThrows(InvalidSpecException.class, () -> b.network("app"));
    }

    @Test
    void aHostPortPublishedTwiceIsRefused() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> Container.builder().entrypoint("x").publish("8080:80").publish("8080:81"));
        assertTrue(e.getMessage().contains("host port 8080/tcp is published twice"), e.getMessage());
    }

    @Test
    void networkSpecsValidateSubnetAndGateway() {
        NetworkSpec ok = Network.builder().name("app").subnet("10.89.1.0/24").gateway("10.89.1.254").mtu(1400).internal(true).build();
        assertEquals(new NetworkSpec("app", "10.89.1.0/24", "10.89.1.254", 1400, true), ok);
        assertTrue(assertThrows(InvalidSpecException.class, () -> Network.builder().name("a").subnet("10.89.1.5/24").build())
                .getMessage().contains("did you mean 10.89.1.0/24?"));
        assertTrue(assertThrows(InvalidSpecException.class, () -> Network.builder().name("a").subnet("10.89.1.0/24").gateway("10.89.2.1").build())
                .getMessage().contains("is not a host address of 10.89.1.0/24"));
        assertThrows(InvalidSpecException.class, () -> Network.builder().name("bad name").build());
        assertThrows(InvalidSpecException.class, () -> Network.builder().name("a").mtu(100).build());
    }
}
