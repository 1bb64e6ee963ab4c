package dev.lit.testcontainers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The lines a container wrote so far, in arrival order, fed from Lit's per-line stdio consumers. */
final class ContainerLogs {
    /** One line and the stream it came from. */
    record Line(boolean stderr, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<Consumer<String>> consumers;

    ContainerLogs(List<Consumer<String>> consumers) {
        this.consumers = List.copyOf(consumers);
    }

    Consumer<String> stdout() {
        return text -> add(new Line(false, text));
    }

    Consumer<String> stderr() {
        return text -> add(new Line(true, text));
    }

    private void add(Line line) {
        synchronized (lines) {
            lines.add(line);
        }
        consumers.forEach(c -> c.accept(line.text()));
    }

    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines of the chosen streams, each ended by a newline. */
    String text(boolean stdout, boolean stderr) {
        return lines().stream().filter(l -> l.stderr() ? stderr : stdout).map(l -> l.text() + "\n").collect(Collectors.joining());
    }
}
