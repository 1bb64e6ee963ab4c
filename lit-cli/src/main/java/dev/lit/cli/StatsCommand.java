package dev.lit.cli;

import dev.lit.ContainerStats;
import dev.lit.ContainerSummary;
import dev.lit.DetachedContainer;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.cli.FormatOption.Format;
import dev.lit.cli.Output.Column;
import dev.lit.linux.tty.HostTerminal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit stats}: detached containers' resource use, once or every second. */
@Command(name = "stats", description = {
    "Show the resource use of running detached containers (all of them when none is named): CPU, memory, processes, network and block I/O.",
    "Without --no-stream the figures are printed again every second until Ctrl-C."})
final class StatsCommand implements Callable<Integer> {
    /** How long CPU use is measured over before the first figures. */
    private static final Duration FIRST_SAMPLE = Duration.ofMillis(500);

    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Mixin
    private FormatOption format;

    @Option(names = "--no-stream", description = "Print the figures once and exit.")
    private boolean noStream;

    @Parameters(arity = "0..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names (default: every running detached container).")
    private List<String> containers = new ArrayList<>();

    /** One container's figures, with its CPU use over the last interval. */
    record Row(String id, @Nullable String name, ContainerStats stats, double cpuPercent) {
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Target> targets = targets();
        Map<String, ContainerStats> previous = sample(targets, true);
        Duration interval = FIRST_SAMPLE;
        while (true) {
            Thread.sleep(interval.toMillis());
            Map<String, ContainerStats> now = sample(targets, false);
            List<Row> rows = new ArrayList<>();
            for (var e : now.entrySet()) {
                ContainerStats before = previous.get(e.getKey());
                rows.add(new Row(e.getKey(), targets.get(e.getKey()).name(), e.getValue(), before == null ? 0 : cpuPercent(before, e.getValue())));
            }
            print(rows);
            if (noStream || (now.isEmpty() && !containers.isEmpty())) {
                return 0;
            }
            previous = now;
            interval = Duration.ofSeconds(1);
        }
    }

    private record Target(DetachedContainer container, @Nullable String name) {
    }

    /** The named containers (each must exist), or every running detached one. */
    private Map<String, Target> targets() {
        Map<String, Target> targets = new LinkedHashMap<>();
        if (containers.isEmpty()) {
            for (ContainerSummary c : Lit.list()) {
                if (c.detached() && c.state() == ContainerSummary.State.RUNNING) {
                    Lit.find(c.id()).ifPresent(d -> targets.put(c.id(), new Target(d, c.name())));
                }
            }
            return targets;
        }
        for (String c : containers) {
            DetachedContainer d = Containers.named(c);
            targets.put(d.id(), new Target(d, d.summary().name()));
        }
        return targets;
    }

    /** Reads every target; one that ended is left out, unless {@code strict} and it was named (the first sample). */
    private Map<String, ContainerStats> sample(Map<String, Target> targets, boolean strict) {
        Map<String, ContainerStats> stats = new LinkedHashMap<>();
        for (var e : targets.entrySet()) {
            try {
                stats.put(e.getKey(), e.getValue().container().stats());
            } catch (LitException ended) {
                if (strict && !containers.isEmpty()) {
                    throw ended;
                }
            }
        }
        return stats;
    }

    static double cpuPercent(ContainerStats before, ContainerStats after) {
        long wall = Duration.between(before.time(), after.time()).toNanos();
        return wall <= 0 ? 0 : 100.0 * (after.cpuUsageNanos() - before.cpuUsageNanos()) / wall;
    }

    private void print(List<Row> rows) {
        if (!noStream && format.format() == Format.TABLE && HostTerminal.isTerminal(1)) {
            output.out().print("\033[2J\033[H"); // redraw in place on a terminal, as docker stats does
        }
        output.list(format.format(), List.of(
                Column.of("CONTAINER ID", "id", Row::id),
                Column.of("NAME", "name", Row::name, r -> r.name() == null ? "" : r.name()),
                Column.of("CPU %", "cpu_percent", r -> Math.round(r.cpuPercent() * 100) / 100.0,
                        r -> String.format(Locale.ROOT, "%.2f%%", r.cpuPercent())),
                Column.of("MEM USAGE / LIMIT", "memory_bytes", r -> r.stats().memoryBytes(),
                        r -> Sizes.binary(r.stats().memoryBytes()) + " / " + limit(r.stats().memoryLimitBytes())),
                Column.jsonOnly("memory_limit_bytes", r -> r.stats().memoryLimitBytes() < 0 ? null : r.stats().memoryLimitBytes()),
                Column.of("PIDS", "pids", r -> r.stats().pids()),
                Column.jsonOnly("pids_limit", r -> r.stats().pidsLimit() < 0 ? null : r.stats().pidsLimit()),
                Column.jsonOnly("cpu_usage_nanos", r -> r.stats().cpuUsageNanos()),
                Column.of("NET I/O", "network_rx_bytes", r -> r.stats().networkRxBytes(),
                        r -> Sizes.human(r.stats().networkRxBytes()) + " / " + Sizes.human(r.stats().networkTxBytes())),
                Column.jsonOnly("network_tx_bytes", r -> r.stats().networkTxBytes()),
                Column.of("BLOCK I/O", "io_read_bytes", r -> r.stats().ioReadBytes(),
                        r -> Sizes.human(r.stats().ioReadBytes()) + " / " + Sizes.human(r.stats().ioWriteBytes())),
                Column.jsonOnly("io_write_bytes", r -> r.stats().ioWriteBytes())),
                rows);
        output.out().flush();
    }

    private static String limit(long bytes) {
        return bytes < 0 ? "unlimited" : Sizes.binary(bytes);
    }
}
