package dev.lit.cli;

import dev.lit.ContainerSummary;
import dev.lit.DetachedContainer;
import java.util.HashSet;
import java.util.Set;
import dev.lit.Lit;
import dev.lit.cli.Output.Column;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lit ps}: the containers of this user's state directory. */
@Command(name = "ps", description = {
    "List containers: detached ones (lit run -d) and those that other lit commands or JVMs run right now.",
    "Ended detached containers are kept, with their logs, until lit rm; -a shows them."})
final class PsCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Mixin
    private FormatOption format;

    @Option(names = {"-a", "--all"}, description = "Show ended containers too.")
    private boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Print only the ids.")
    private boolean quiet;

    @Override
    public Integer call() {
        List<ContainerSummary> shown = Lit.list().stream()
                .filter(c -> all || c.state() != ContainerSummary.State.EXITED && c.state() != ContainerSummary.State.CREATED).toList();
        if (quiet) {
            shown.forEach(c -> output.out().println(c.id()));
            return 0;
        }
        Set<String> paused = paused(shown);
        output.list(format.format(), List.of(
                Column.of("CONTAINER ID", "id", ContainerSummary::id),
                Column.of("NAME", "name", ContainerSummary::name, c -> c.name() == null ? "" : c.name()),
                Column.of("BASE", "base", ContainerSummary::base, c -> cut(c.base())),
                Column.of("COMMAND", "command", ContainerSummary::command, c -> cut(c.command())),
                Column.of("CREATED", "created", c -> c.created().toString(), c -> ago(c.created())),
                Column.of("STATUS", "state", c -> c.state().name().toLowerCase(Locale.ROOT),
                        c -> status(c) + (paused.contains(c.id()) ? " (paused)" : "")),
                Column.jsonOnly("paused", c -> paused.contains(c.id())),
                Column.jsonOnly("pid", ContainerSummary::pid),
                Column.jsonOnly("detached", ContainerSummary::detached),
                Column.jsonOnly("exit_code", c -> c.exit() == null ? null : c.exit().code()),
                Column.jsonOnly("restarts", ContainerSummary::restarts)),
                shown);
        return 0;
    }

    /** The running detached containers that lit pause froze. */
    private static Set<String> paused(List<ContainerSummary> shown) {
        Set<String> paused = new HashSet<>();
        for (ContainerSummary c : shown) {
            if (c.detached() && c.state() == ContainerSummary.State.RUNNING
                    && Lit.find(c.id()).map(DetachedContainer::isPaused).orElse(false)) {
                paused.add(c.id());
            }
        }
        return paused;
    }

    private static String status(ContainerSummary c) {
        String restarts = c.restarts() > 0 ? " (" + c.restarts() + " restarts)" : "";
        return switch (c.state()) {
            case CREATED -> "created";
            case RUNNING -> (c.detached() ? "running" : "running, attached") + restarts;
            case RESTARTING -> "restarting" + restarts + (c.exit() == null ? "" : " after " + c.exit());
            case EXITED -> "exited" + (c.exit() == null ? "" : " (" + c.exit().code() + ")") + restarts;
        };
    }

    private static String cut(String text) {
        return text.length() <= 24 ? text : text.substring(0, 23) + "…";
    }

    static String ago(Instant when) {
        Duration d = Duration.between(when, Instant.now());
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " seconds ago";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " minutes ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " hours ago";
        }
        return d.toDays() + " days ago";
    }
}
