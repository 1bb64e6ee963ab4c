package dev.lit.linux.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.Network;
import dev.lit.PortMapping;
import dev.lit.RunResult;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.testing.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bridge networks with real traffic between the tests' own containers and over loopback. */
@Tag("root")
class BridgeNetworkTest {

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    /** Lit's own leak check covers cgroups too, which every state root on the host shares: checked where the machine is not shared. */
    @AfterEach
    void nothingLeft() throws IOException {
        try (var dirs = java.nio.file.Files.list(((LinuxRuntime) Lit.runtime()).stateRoot().containers())) {
            assertEquals(List.of(), dirs.toList(), "container state left");
        }
        assertEquals(List.of(), NetworkLeaks.find(ids), "network leftovers");
    }

    /** The ids of this test's containers, whose veth names the leak check looks for. */
    private final List<String> ids = new java.util.ArrayList<>();

    private Container start(ContainerSpec.Builder spec) {
        Container c = Lit.start(spec);
        ids.add(c.id());
        return c;
    }

    private RunResult run(ContainerSpec.Builder spec) throws InterruptedException {
        RunResult r = Lit.run(spec);
        ids.add(r.id());
        return r;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static ContainerSpec.Builder sh(String script) {
        return Container.builder().entrypoint(List.of("/bin/sh", "-c", script));
    }

    /** A client loop: retries until the server listens, at most about 5 s. */
    private static String retry(String command) {
        return "for i in $(seq 50); do " + command + " && exit 0; sleep 0.1; done; exit 1";
    }

    @Test
    void twoContainersOnOneNetworkTalkOverTcpByNameAndAlias() throws Exception {
        String net = unique("t");
        try (Container server = start(sh("exec busybox nc -ll -p 7000 -e busybox echo pong").name(unique("srv")).network(net, "store"))) {
            RunResult byAlias = run(sh(retry("busybox nc -w 2 store 7000")).network(net));
            assertEquals("pong", byAlias.stdoutText().strip(), byAlias.stderrText());
            RunResult byName = run(sh(retry("busybox nc -w 2 " + server.spec().name() + " 7000")).network(net));
            assertEquals("pong", byName.stdoutText().strip(), byName.stderrText());
            assertTrue(server.ipAddress(net).orElseThrow().startsWith("10.89."), server.ipAddresses().toString());
        }
    }

    @Test
    void aContainerInAUserNamespaceJoinsANetworkToo() throws Exception {
        String net = unique("u");
        try (Container server = start(sh("exec busybox nc -ll -p 7000 -e busybox echo pong").network(net, "srv")
                .userNamespace(dev.lit.Security.UserNamespace.AUTO))) {
            RunResult r = run(sh(retry("busybox nc -w 2 srv 7000")).network(net).userNamespace(dev.lit.Security.UserNamespace.AUTO));
            assertEquals("pong", r.stdoutText().strip(), r.stderrText());
        }
    }

    @Test
    void containersOnDifferentNetworksCannotReachEachOther() throws Exception {
        try (Container server = start(sh("exec busybox nc -ll -p 7000 -e busybox echo pong").network(unique("a")))) {
            String address = server.ipAddresses().values().iterator().next();
            // the same address works from the server's own network namespace...
            RunResult self = run(sh(retry("busybox nc -w 1 " + address + " 7000")).network(server.ipAddresses().keySet().iterator().next()));
            assertEquals("pong", self.stdoutText().strip());
            // ...never from another network
            RunResult other = run(sh("busybox nc -w 1 " + address + " 7000; echo rc=$?").network(unique("b")));
            assertTrue(!other.stdoutText().contains("pong"), other.stdoutText());
        }
    }

    @Test
    void busyboxHttpdAnswersThroughAPublishedPortOnLoopback() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (Container web = start(sh("mkdir -p /tmp/www && echo hello-from-lit > /tmp/www/index.html && exec busybox httpd -f -p 8080 -h /tmp/www")
                .publish("127.0.0.1:" + port + ":8080"))) {
            assertEquals(port, web.mappedPort(8080));
            String body = httpGet(port);
            assertTrue(body.contains("hello-from-lit"), body);
        }
    }

    @Test
    void aRandomHostPortIsToldByMappedPort() throws Exception {
        try (Container web = start(sh("mkdir -p /tmp/www && echo random > /tmp/www/index.html && exec busybox httpd -f -p 8080 -h /tmp/www")
                .expose(8080))) {
            int port = web.mappedPort(8080);
            assertNotEquals(0, port);
            assertEquals(PortMapping.ANY, web.ports().getFirst().hostIp());
            assertTrue(httpGet(port).contains("random"));
            // a neighbour on the same network reaches it through the host port too (hairpin)
            String gateway = web.ipAddresses().values().iterator().next().replaceAll("\\.\\d+$", ".1");
            RunResult hairpin = run(sh(retry("busybox wget -q -O - http://" + gateway + ":" + port + "/")).network(web.ipAddresses().keySet().iterator().next()));
            assertEquals("random", hairpin.stdoutText().strip(), hairpin.stderrText());
            assertThrows(IllegalArgumentException.class, () -> web.mappedPort(9999));
        }
    }

    @Test
    void udpIsEchoedThroughAPublishedPort() throws Exception {
        // busybox nc has no UDP: socat (from the host base) echoes each datagram back
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/socat")), "needs socat");
        try (Container echo = start(sh("exec socat UDP4-RECVFROM:5353,fork EXEC:cat").publish("127.0.0.1:0:5353/udp"));
             DatagramSocket socket = new DatagramSocket()) {
            int port = echo.mappedPort(5353, PortMapping.Protocol.UDP);
            socket.setSoTimeout(300);
            byte[] payload = "ping-udp\n".getBytes(StandardCharsets.US_ASCII);
            String answer = null;
            for (int i = 0; i < 30 && answer == null; i++) {
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket in = new DatagramPacket(new byte[100], 100);
                try {
                    socket.receive(in);
                    answer = new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
                } catch (java.net.SocketTimeoutException e) {
                    // not listening yet
                }
            }
            assertEquals("ping-udp\n", answer);
        }
    }

    @Test
    void withoutKernelDnatTheProxyForwardsTcpAndUdp() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/socat")), "needs socat");
        System.setProperty("lit.ports", "proxy");
        try (Container web = start(sh("mkdir -p /tmp/www && echo proxied > /tmp/www/index.html && busybox httpd -p 8080 -h /tmp/www; "
                + "exec socat UDP4-RECVFROM:5353,fork EXEC:cat").expose(8080).publish("127.0.0.1:0:5353/udp"));
             DatagramSocket socket = new DatagramSocket()) {
            assertTrue(httpGet(web.mappedPort(8080)).contains("proxied"));
            int port = web.mappedPort(5353, PortMapping.Protocol.UDP);
            socket.setSoTimeout(300);
            String answer = null;
            for (int i = 0; i < 30 && answer == null; i++) {
                socket.send(new DatagramPacket(new byte[] {'u', 'p'}, 2, InetAddress.getLoopbackAddress(), port));
                DatagramPacket in = new DatagramPacket(new byte[10], 10);
                try {
                    socket.receive(in);
                    answer = new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
                } catch (java.net.SocketTimeoutException e) {
                    // not listening yet
                }
            }
            assertEquals("up", answer);
        } finally {
            System.clearProperty("lit.ports");
        }
    }

    @Test
    void aTakenHostPortFailsTheProxyToo() throws Exception {
        System.setProperty("lit.ports", "proxy");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            LitException e = assertThrows(LitException.class, () -> start(sh("sleep 5").publish("127.0.0.1:" + port + ":80")).close());
            assertTrue(e.getMessage().contains(Integer.toString(port)) && e.getMessage().contains("already in use"), e.getMessage());
        } finally {
            System.clearProperty("lit.ports");
        }
    }

    @Test
    void aTakenHostPortFailsTheStartNamingThePortAndLeavesNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            LitException e = assertThrows(LitException.class,
                    () -> start(sh("sleep 5").publish("127.0.0.1:" + port + ":80")).close());
            assertTrue(e.getMessage().contains(Integer.toString(port)) && e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    @Test
    void aDeclaredNetworkHasItsSubnetAndListsItsHosts() throws Exception {
        String name = unique("d");
        try (Network net = Network.builder().name(name).subnet("10.89.250.0/24").mtu(1400).create();
             Container c = start(sh("sleep 30").name(unique("c")).network(name, "alias1"))) {
            assertEquals("10.89.250.2", c.ipAddress(name).orElseThrow());
            assertEquals("10.89.250.2", net.hosts().get("alias1"));
            RunResult mtu = run(sh("cat /sys/class/net/eth0/mtu; busybox ip route; grep -c nameserver /etc/resolv.conf").network(name));
            assertEquals(List.of("1400", "default via 10.89.250.1 dev eth0 ", "10.89.250.0/24 dev eth0 scope link  src 10.89.250.3 ", "1"),
                    mtu.stdoutText().lines().toList());
            RunResult hosts = run(sh("cat /etc/hosts; cat /etc/hostname").network(name).hostname("peer"));
            assertTrue(hosts.stdoutText().contains("10.89.250.2\t"), hosts.stdoutText());
            assertTrue(hosts.stdoutText().contains("alias1"), hosts.stdoutText());
            assertTrue(hosts.stdoutText().strip().endsWith("peer"), hosts.stdoutText());
        }
    }

    @Test
    void containersStartedAtOnceGetDistinctAddresses() throws Exception {
        String net = unique("p");
        List<Container> started = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                threads.add(Thread.ofVirtual().start(() -> started.add(start(sh("sleep 30").network(net)))));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(6, started.size());
            assertEquals(6, started.stream().map(c -> c.ipAddress(net).orElseThrow()).distinct().count());
        } finally {
            started.forEach(Container::close);
        }
    }

    @Test
    void closingADeclaredNetworkKeepsItsBridgeUntilItsLastContainerLeaves() throws Exception {
        String name = unique("k");
        Network net = Network.builder().name(name).create();
        String bridge = net.bridge();
        try (Container c = start(sh("sleep 30").network(name))) {
            net.close();
            assertTrue(BridgeNetworks.links(bridge).contains(bridge));
        }
        assertEquals(List.of(), BridgeNetworks.links(bridge));
    }

    @Test
    void twoStateRootsNeverTakeTheSameSubnet(@org.junit.jupiter.api.io.TempDir Path a, @org.junit.jupiter.api.io.TempDir Path b) {
        NetworkStore first = new NetworkStore(a);
        NetworkStore second = new NetworkStore(b);
        NetworkStore.Stored x = first.locked(() -> first.create(dev.lit.NetworkSpec.defaults("same"), false, ""));
        NetworkStore.Stored y = second.locked(() -> second.create(dev.lit.NetworkSpec.defaults("same"), false, ""));
        try {
            assertNotEquals(x.subnet(), y.subnet());
            assertThrows(dev.lit.InvalidSpecException.class, () -> second.locked(() ->
                    second.create(new dev.lit.NetworkSpec("other", x.subnet().toString(), null, 1500, false), false, "")));
        } finally {
            first.locked(() -> { first.delete("same"); return null; });
            second.locked(() -> { second.delete("same"); return null; });
        }
    }

    @Test
    void thirtyStartCloseCyclesLeaveNoBridgeVethAddressOrRule() throws Exception {
        String net = unique("c");
        for (int i = 0; i < 30; i++) {
            try (Container c = start(sh("sleep 30").network(net).expose(80))) {
                assertTrue(c.ipAddress(net).isPresent());
            }
        }
        assertEquals(List.of(), NetworkLeaks.find(ids));
    }

    @Test
    void theCleanupPassRemovesWhatAKilledJvmLeft() throws Exception {
        // what a JVM killed between connect and close leaves: a lease, a bridge with its address, a NAT table
        BridgeNetworks networks = new BridgeNetworks(((LinuxRuntime) Lit.runtime()).stateRoot().path());
        String name = unique("gc");
        String deadId = "deadbeef0001";
        NetworkStore.Stored n = networks.store().locked(() -> {
            NetworkStore.Stored stored = networks.store().create(dev.lit.NetworkSpec.defaults(name), false, "");
            networks.store().join(stored, deadId, List.of("ghost"), java.nio.file.Path.of("/nonexistent/hosts"));
            return stored;
        });
        try (Netlink netlink = Netlink.open()) {
            Links links = new Links(netlink);
            links.createBridge(n.bridge(), n.mtu());
            links.addAddress(links.index(n.bridge()).orElseThrow(), n.bridge(), n.gateway(), n.subnet().prefix());
        }
        Nat.install(n.bridge(), networks.bridgePrefix(), n.subnet(), false);
        assertEquals(List.of(n.bridge()), BridgeNetworks.links(networks.bridgePrefix()));

        Lit.runtime().collectGarbage();

        assertEquals(List.of(), NetworkLeaks.find(List.of(deadId)));
    }

    private static String httpGet(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(3000);
                OutputStream out = s.getOutputStream();
                out.write("GET / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                if (!body.isEmpty()) {
                    return body;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw last != null ? last : new IOException("no answer on port " + port);
    }

    /** What Lit's networks could leave: bridges and veths of this state root, nft tables, leases. */
    static final class NetworkLeaks {
        static List<String> find(List<String> containerIds) {
            BridgeNetworks networks = new BridgeNetworks(((LinuxRuntime) Lit.runtime()).stateRoot().path());
            List<String> leaks = new java.util.ArrayList<>();
            BridgeNetworks.links(networks.bridgePrefix()).forEach(l -> leaks.add("bridge " + l));
            BridgeNetworks.links("lv").stream().filter(l -> containerIds.stream().anyMatch(id -> l.startsWith("lv" + id)))
                    .forEach(l -> leaks.add("veth " + l));
            Nat.tables(networks.bridgePrefix()).forEach(t -> leaks.add("nft table " + t));
            networks.store().all().forEach(n -> leaks.add("network state " + n.name()));
            Path root = ((LinuxRuntime) Lit.runtime()).stateRoot().path();
            SubnetClaims.machine().all().stream().filter(c -> c.owner().startsWith(root)).forEach(c -> leaks.add("subnet claim " + c.subnet()));
            return leaks;
        }
    }
}
