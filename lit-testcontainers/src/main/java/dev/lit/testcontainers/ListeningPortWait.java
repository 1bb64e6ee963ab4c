package dev.lit.testcontainers;

import java.util.List;

/**
 * Waits for TCP listeners inside the container's network namespace: see
 * {@link LitWait#forListeningPort()}. The check reads the kernel's socket table of the
 * container's PID 1, so it needs neither a tool in the container nor a published port.
 *
 * @param ports the ports to wait for; empty for the container's exposed ports
 */
public record ListeningPortWait(List<Integer> ports) implements LitWait {
    /** Checks and copies the ports. */
    public ListeningPortWait {
        ports = List.copyOf(ports);
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
        }
    }

    /** The ports this strategy waits for, given the container's exposed ports. */
    List<Integer> portsOf(List<Integer> exposed) {
        return ports.isEmpty() ? exposed : ports;
    }

    @Override
    public String toString() {
        return ports.isEmpty() ? "the exposed ports to listen" : "ports " + ports + " to listen";
    }
}
