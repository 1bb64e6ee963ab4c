package dev.lit.linux.net;

import dev.lit.LitException;
import dev.lit.PortMapping;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One published port: a listener on the host, bound when the container is being set up (so
 * a taken port fails the start before anything else exists), forwarding to the container's
 * address once it has one. TCP: accept, connect, copy both ways on two virtual threads,
 * half-closing each direction at end of stream. UDP: one connected socket to the container
 * per client address, whose replies go back to that client, dropped after an idle period.
 *
 * <p>A proxy rather than kernel DNAT, by measurement (BENCHMARKS.md, "Published ports"), and
 * because it works the same for root and rootless, for 127.0.0.1 (DNAT to a bridge from
 * loopback needs {@code route_localnet}), and needs no nftables on the host.
 */
final class PortProxy implements AutoCloseable {
    static final Duration UDP_IDLE = Duration.ofSeconds(60);
    private static final int BUFFER = 64 * 1024;
    private final PortMapping requested;
    private final @Nullable ServerSocketChannel tcp;
    private final @Nullable DatagramChannel udp;
    private final int boundPort;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final Map<SocketAddress, Flow> flows = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Flow(DatagramChannel upstream, long[] lastUsed) {
    }

    private PortProxy(PortMapping requested, @Nullable ServerSocketChannel tcp, @Nullable DatagramChannel udp, int boundPort) {
        this.requested = requested;
        this.tcp = tcp;
        this.udp = udp;
        this.boundPort = boundPort;
    }

    /** Binds the host side of {@code mapping}; fails naming the port if it is taken. */
    static PortProxy bind(PortMapping mapping) {
        InetSocketAddress address = new InetSocketAddress(mapping.hostIp(), mapping.hostPort());
        try {
            if (mapping.protocol() == PortMapping.Protocol.TCP) {
                ServerSocketChannel server = ServerSocketChannel.open();
                try {
                    server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    server.bind(address, 512);
                } catch (IOException e) {
                    server.close();
                    throw e;
                }
                return new PortProxy(mapping, server, null, ((InetSocketAddress) server.getLocalAddress()).getPort());
            }
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.bind(address);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new PortProxy(mapping, null, channel, ((InetSocketAddress) channel.getLocalAddress()).getPort());
        } catch (BindException e) {
            throw new LitException("cannot publish " + mapping.containerPort() + "/" + mapping.protocol() + ": host port "
                    + mapping.hostIp() + ":" + mapping.hostPort() + "/" + mapping.protocol() + " is already in use (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new LitException("cannot publish " + mapping + ": " + e.getMessage(), e);
        }
    }

    /** The mapping as bound: a requested host port 0 replaced by the one the kernel picked. */
    PortMapping bound() {
        return new PortMapping(requested.hostIp(), boundPort, requested.containerPort(), requested.protocol());
    }

    /** Starts forwarding to {@code containerAddress}. */
    void start(String containerAddress, String containerId) {
        InetSocketAddress target = new InetSocketAddress(containerAddress, requested.containerPort());
        String name = "lit-port-" + containerId + "-" + boundPort;
        if (tcp != null) {
            Thread.ofVirtual().name(name).start(() -> acceptLoop(target));
        } else {
            Thread.ofVirtual().name(name).start(() -> udpLoop(target));
            Thread.ofVirtual().name(name + "-idle").start(this::expireFlows);
        }
    }

    private void acceptLoop(InetSocketAddress target) {
        ServerSocketChannel tcp = java.util.Objects.requireNonNull(this.tcp);
        while (!closed) {
            SocketChannel client;
            try {
                client = tcp.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            Thread.ofVirtual().start(() -> connect(client, target));
        }
    }

    private void connect(SocketChannel client, InetSocketAddress target) {
        SocketChannel upstream = null;
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            upstream = SocketChannel.open(target);
            upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
            open.add(upstream);
            SocketChannel up = upstream;
            Thread other = Thread.ofVirtual().start(() -> copy(up, client));
            copy(client, upstream);
            other.join();
        } catch (IOException | InterruptedException e) {
            // the container refused or went away: the client sees its connection close
        } finally {
            closeQuietly(client);
            open.remove(client);
            if (upstream != null) {
                closeQuietly(upstream);
                open.remove(upstream);
            }
        }
    }

    /** Copies until end of stream, then half-closes the far side so the peer sees it too. */
    private void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void udpLoop(InetSocketAddress target) {
        DatagramChannel udp = java.util.Objects.requireNonNull(this.udp);
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress client = udp.receive(buffer);
                buffer.flip();
                Flow flow = flows.computeIfAbsent(client, c -> openFlow(c, target));
                if (flow != null) {
                    flow.lastUsed()[0] = System.nanoTime();
                    flow.upstream().write(buffer);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // one bad datagram (the container's port unreachable): keep serving the others
            }
        }
    }

    private @Nullable Flow openFlow(SocketAddress client, InetSocketAddress target) {
        try {
            DatagramChannel upstream = DatagramChannel.open();
            upstream.connect(target);
            open.add(upstream);
            Flow flow = new Flow(upstream, new long[] {System.nanoTime()});
            DatagramChannel udp = java.util.Objects.requireNonNull(this.udp);
            Thread.ofVirtual().start(() -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
                try {
                    while (!closed) {
                        buffer.clear();
                        upstream.read(buffer);
                        buffer.flip();
                        flow.lastUsed()[0] = System.nanoTime();
                        udp.send(buffer, client);
                    }
                } catch (IOException e) {
                    // flow expired or proxy closed
                }
            });
            return flow;
        } catch (IOException e) {
            return null;
        }
    }

    private void expireFlows() {
        while (!closed) {
            try {
                Thread.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            flows.entrySet().removeIf(e -> {
                if (now - e.getValue().lastUsed()[0] > UDP_IDLE.toNanos()) {
                    closeQuietly(e.getValue().upstream());
                    return true;
                }
                return false;
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        if (tcp != null) {
            closeQuietly(tcp);
        }
        if (udp != null) {
            closeQuietly(udp);
        }
        open.forEach(PortProxy::closeQuietly);
        open.clear();
        flows.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
