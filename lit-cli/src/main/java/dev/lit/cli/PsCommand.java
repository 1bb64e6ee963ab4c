package dev.lit.cli;

import dev.lit.ContainerSummary;
import dev.lit.Lit;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lit ps}: the containers of this user's state directory. */
@Command(name = "ps", description = {
    "List containers: detached ones (lit run -d) and those that other lit commands or JVMs run right now.",
    "Ended detached containers are kept, with their logs, until lit rm; -a shows them."})
final class PsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = {"-a", "--all"}, description = "Show ended containers too.")
    private boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Print only the ids.")
    private boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ContainerSummary> shown = Lit.list().stream()
                .filter(c -> all || c.state() != ContainerSummary.State.EXITED).toList();
        if (quiet) {
            shown.forEach(c -> out.println(c.id()));
        } else {
            String format = "%-12s  %-20s  %-24s  %-24s  %-14s  %s%n";
            out.printf(format, "CONTAINER ID", "NAME", "BASE", "COMMAND", "CREATED", "STATUS");
            for (ContainerSummary c : shown) {
                out.printf(format, c.id(), c.name() == null ? "" : c.name(), cut(c.base()), cut(c.command()),
                        ago(c.created()), status(c));
            }
        }
        out.flush();
        return 0;
    }

    private static String status(ContainerSummary c) {
        String restarts = c.restarts() > 0 ? " (" + c.restarts() + " restarts)" : "";
        return switch (c.state()) {
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
