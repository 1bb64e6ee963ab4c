package dev.lit.compose;

import dev.lit.Container;
import dev.lit.ExecFailedException;
import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.ExitStatus;
import dev.lit.NetworkMode;
import dev.lit.PortMapping;
import dev.lit.RunResult;
import dev.lit.compose.Orchestrator.ServiceFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a service's readiness check until it passes, the service ends, or its tries run out. */
final class ReadinessProbe {
    private ReadinessProbe() {
    }

    /**
     * Returns once {@code run}'s service is ready.
     *
     * @param abandoned completes when another service's failure abandons the whole start
     * @throws ServiceFailure       when the service ends first or the check gives up
     * @throws InterruptedException when the start is abandoned or this thread interrupted
     */
    static void await(ServiceRun run, Container container, CompletableFuture<?> abandoned) throws InterruptedException {
        Readiness readiness = run.service.readiness();
        if (readiness == null) {
            return;
        }
        switch (readiness.check()) {
            case ReadinessCheck.LogLine _ -> awaitLine(run, container, readiness, java.util.Objects.requireNonNull(run.logLine), abandoned);
            case ReadinessCheck.PortOpen port -> poll(run, container, readiness, () -> connect(container, port.port(), readiness.timeout()), abandoned);
            case ReadinessCheck.CommandSucceeds c -> poll(run, container, readiness, () -> exec(container, c.command(), readiness.timeout()), abandoned);
        }
    }

    private static void awaitLine(ServiceRun run, Container container, Readiness readiness, CompletableFuture<String> line,
            CompletableFuture<?> abandoned) throws InterruptedException {
        try {
            CompletableFuture.anyOf(line, container.onExit(), abandoned).get(readiness.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceFailure("not ready after " + text(readiness.deadline()) + ": no log line matched /" + ((ReadinessCheck.LogLine) readiness.check()).pattern().pattern() + "/" + run.output.tail(), null);
        } catch (ExecutionException e) {
            throw new ServiceFailure("its exit could not be observed: " + e.getCause(), e.getCause());
        }
        if (line.isDone()) {
            return;
        }
        if (abandoned.isDone()) {
            throw new InterruptedException("start abandoned");
        }
        throw endedEarly(run, container.onExit().join());
    }

    /** A failed try: why, for the message if all tries fail; empty on success. */
    @FunctionalInterface
    private interface Try {
        Optional<String> attempt() throws InterruptedException;
    }

    private static void poll(ServiceRun run, Container container, Readiness readiness, Try probe, CompletableFuture<?> abandoned)
            throws InterruptedException {
        String last = "";
        for (int i = 1; i <= readiness.retries(); i++) {
            if (abandoned.isDone()) {
                throw new InterruptedException("start abandoned");
            }
            Optional<ExitStatus> ended = exited(container);
            if (ended.isPresent()) {
                throw endedEarly(run, ended.get());
            }
            Optional<String> failed = probe.attempt();
            if (failed.isEmpty()) {
                return;
            }
            last = failed.get();
            if (i < readiness.retries()) {
                Optional<ExitStatus> end = container.waitFor(readiness.interval());
                if (end.isPresent()) {
                    throw endedEarly(run, end.get());
                }
            }
        }
        throw new ServiceFailure("not ready: " + readiness.check() + " failed " + readiness.retries() + " times, last: " + last + run.output.tail(), null);
    }

    private static Optional<ExitStatus> exited(Container container) {
        return container.onExit().isDone() ? Optional.of(container.onExit().join()) : Optional.empty();
    }

    private static ServiceFailure endedEarly(ServiceRun run, ExitStatus status) {
        return new ServiceFailure("it " + status + " before it was ready" + run.output.tail(), null);
    }

    /** Runs the check inside the container (its namespaces, root and confinement): ready when it exits 0 within the timeout. */
    private static Optional<String> exec(Container container, List<String> command, Duration timeout) throws InterruptedException {
        try (ExecProcess process = container.exec(ExecSpec.builder(command.toArray(String[]::new)).build())) {
            Optional<ExitStatus> status = process.waitFor(timeout);
            if (status.isEmpty()) {
                return Optional.of(String.join(" ", command) + ": still running after " + text(timeout));
            }
            RunResult result = process.result();
            if (result.exitCode() == 0) {
                return Optional.empty();
            }
            String err = result.stderrText().strip();
            return Optional.of(String.join(" ", command) + ": " + status.get() + (err.isEmpty() ? "" : ": " + err));
        } catch (ExecFailedException | IllegalStateException e) {
            return Optional.of(String.join(" ", command) + ": " + e.getMessage());
        }
    }

    /** How long a forwarded connection must stay open (or bring data) to count: a forwarder with no listener behind it closes it at once. */
    private static final Duration HELD_OPEN = Duration.ofMillis(200);

    private static Optional<String> connect(Container container, int port, Duration timeout) {
        Target target = target(container, port);
        InetSocketAddress address = target.address();
        String where = address.getHostString() + ":" + address.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (!target.forwarded()) {
                return Optional.empty();
            }
            socket.setSoTimeout((int) Math.min(HELD_OPEN.toMillis(), timeout.toMillis()));
            try {
                return socket.getInputStream().read() < 0
                        ? Optional.of(where + ": the published port closed the connection (nothing listens on container port " + port + " yet)")
                        : Optional.empty();
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of(where + ": " + e.getMessage());
        }
    }

    /**
     * Where to connect.
     *
     * @param address   the address and port
     * @param forwarded whether it is a published port (accepted by a forwarder, whatever the container does)
     */
    private record Target(InetSocketAddress address, boolean forwarded) {
    }

    /**
     * Where the host reaches the service: where the port is published, if it is (that works
     * for rootless containers too, whose addresses the host cannot reach, and checks the
     * forwarding as well); else the container's address on its first network; or loopback on
     * the host's network.
     */
    private static Target target(Container container, int port) {
        if (container.spec().network() instanceof NetworkMode.Bridge bridge) {
            for (PortMapping p : container.ports()) {
                if (p.containerPort() == port && p.protocol() == PortMapping.Protocol.TCP) {
                    String host = p.hostIp().equals(PortMapping.ANY) ? "127.0.0.1" : p.hostIp();
                    return new Target(new InetSocketAddress(host, p.hostPort()), true);
                }
            }
            String network = bridge.networks().getFirst().network();
            return container.ipAddress(network).map(ip -> new Target(new InetSocketAddress(ip, port), false))
                    .orElseThrow(() -> new ServiceFailure("its container has no address on network " + network
                            + " and does not publish port " + port + ": there is nowhere to check the port from the host", null));
        }
        if (container.spec().network() instanceof NetworkMode.Host) {
            return new Target(new InetSocketAddress("127.0.0.1", port), false);
        }
        throw new ServiceFailure("a port check needs the service on a network or on the host's network", null);
    }


    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
