package dev.lit.linux.net;

import dev.lit.LitException;
import dev.lit.PortMapping;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rootless networking: {@code pasta} (Debian's {@code passt}) attached to a container's user
 * and network namespaces by path. It gives the namespace an interface with the host's address
 * and routes, carries its traffic through the host's own sockets, and forwards the published
 * ports; packets to the gateway address reach the host itself. pasta daemonizes once the
 * namespace is configured (so its exit status says whether that worked) and writes its pid to
 * a file under the state root, by which close and the cleanup pass end it: it does not notice
 * the namespace going away by itself.
 */
final class Pasta {
    static final Path BINARY = Path.of("/usr/bin/pasta");

    private Pasta() {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Resolves random host ports and checks each is free now (pasta itself only warns about a
     * port it cannot bind): fails naming the first taken one.
     */
    static List<PortMapping> choosePorts(List<PortMapping> mappings) {
        List<PortMapping> chosen = new ArrayList<>();
        for (PortMapping m : mappings) {
            try (NetworkChannel ch = m.protocol() == PortMapping.Protocol.TCP ? ServerSocketChannel.open() : DatagramChannel.open()) {
                ch.bind(new InetSocketAddress(m.hostIp(), m.hostPort()));
                int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                chosen.add(new PortMapping(m.hostIp(), port, m.containerPort(), m.protocol()));
            } catch (BindException e) {
                throw new LitException("cannot publish " + m.containerPort() + "/" + m.protocol() + ": host port "
                        + m.hostIp() + ":" + m.hostPort() + "/" + m.protocol() + " is already in use (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new LitException("cannot publish " + m + ": " + e.getMessage(), e);
            }
        }
        return chosen;
    }

    /** Attaches pasta to the namespaces of {@code pid}; returns once they are configured. */
    static void attach(int pid, List<PortMapping> ports, Path pidFile) {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--config-net", "--quiet",
                "--userns", "/proc/" + pid + "/ns/user", "--netns", "/proc/" + pid + "/ns/net", "--pid", pidFile.toString(),
                "-T", "none", "-U", "none"));
        List<String> tcp = new ArrayList<>();
        List<String> udp = new ArrayList<>();
        for (PortMapping p : ports) {
            String spec = (p.hostIp().equals(PortMapping.ANY) ? "" : p.hostIp() + "/") + p.hostPort() + ":" + p.containerPort();
            (p.protocol() == PortMapping.Protocol.TCP ? tcp : udp).add(spec);
        }
        cmd.addAll(List.of("-t", tcp.isEmpty() ? "none" : String.join(",", tcp)));
        cmd.addAll(List.of("-u", udp.isEmpty() ? "none" : String.join(",", udp)));
        try {
            Files.createDirectories(pidFile.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LitException("pasta did not configure the container's network within 10 s");
            }
            if (p.exitValue() != 0) {
                throw new LitException("pasta could not set up the container's network (exit " + p.exitValue() + "): " + out.strip());
            }
        } catch (IOException e) {
            throw new LitException("cannot run " + BINARY + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LitException("interrupted while pasta set up the container's network", e);
        }
    }

    /** Ends the pasta whose pid {@code pidFile} holds, if it is still a pasta, and deletes the file. */
    static void stop(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
            if (comm.startsWith("pasta") || comm.startsWith("passt")) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException | NumberFormatException e) {
            // gone already
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the cleanup pass retries
        }
    }

    /** The host's default gateway, which pasta maps to the host inside the namespace; null without one. */
    static @org.jspecify.annotations.Nullable Ipv4 hostGateway() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 7 && f[1].equals("00000000") && f[7].equals("00000000")) {
                    return new Ipv4(Integer.reverseBytes((int) Long.parseLong(f[2], 16)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // none
        }
        return null;
    }
}
