package dev.lit.compose;

import dev.lit.InvalidSpecException;
import java.util.List;
import java.util.regex.Pattern;

/** How to tell that a service is ready to serve: one probe, repeated as its {@link Readiness} says. */
public sealed interface ReadinessCheck {

    /**
     * A TCP port accepts connections: the container's address on its first network, or
     * {@code 127.0.0.1} for a container on the host's network.
     *
     * @param port the container port
     */
    record PortOpen(int port) implements ReadinessCheck {
        /** Checks that the port is one. */
        public PortOpen {
            if (port < 1 || port > 65535) {
                throw new InvalidSpecException("ready.port", port + " is not a port: ports are 1-65535");
            }
        }

        @Override
        public String toString() {
            return "port " + port + " accepts connections";
        }
    }

    /**
     * A line the service writes, on standard output or error, matches a regular expression
     * (anywhere in the line, as {@link java.util.regex.Matcher#find()}).
     *
     * @param pattern the expression
     */
    record LogLine(Pattern pattern) implements ReadinessCheck {
        @Override
        public String toString() {
            return "a log line matches /" + pattern.pattern() + "/";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LogLine other && other.pattern.pattern().equals(pattern.pattern()) && other.pattern.flags() == pattern.flags();
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /**
     * A command run inside the service's container exits with 0.
     *
     * @param command the argument vector
     */
    record CommandSucceeds(List<String> command) implements ReadinessCheck {
        /** Checks that there is a command. */
        public CommandSucceeds {
            command = List.copyOf(command);
            if (command.isEmpty() || command.getFirst().isEmpty()) {
                throw new InvalidSpecException("ready.command", "the command is empty");
            }
        }

        @Override
        public String toString() {
            return "command " + String.join(" ", command) + " succeeds";
        }
    }

    /**
     * A TCP port that accepts connections.
     *
     * @param port the container port
     * @return the check
     */
    static ReadinessCheck port(int port) {
        return new PortOpen(port);
    }

    /**
     * A log line in which a regular expression finds a match.
     *
     * @param regex the expression
     * @return the check
     * @throws InvalidSpecException if the expression is not one
     */
    static ReadinessCheck log(String regex) {
        try {
            return new LogLine(Pattern.compile(regex));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new InvalidSpecException("ready.log", "'" + regex + "' is not a regular expression: " + e.getDescription());
        }
    }

    /**
     * A command that exits with 0.
     *
     * @param argv the argument vector
     * @return the check
     */
    static ReadinessCheck command(String... argv) {
        return new CommandSucceeds(List.of(argv));
    }

    /**
     * A command that exits with 0.
     *
     * @param argv the argument vector
     * @return the check
     */
    static ReadinessCheck command(List<String> argv) {
        return new CommandSucceeds(argv);
    }
}
