package dev.lit.cli;

import dev.lit.ContainerSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lit inspect}: one detached container's state, for people or (with --format json) for scripts. */
@Command(name = "inspect", description = "Show detached containers' state: id, name, state, pid, exit status, restarts, base and command.")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Mixin
    private FormatOption format;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names.")
    private List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        for (String name : containers) {
            ContainerSummary c = Containers.named(name).summary();
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            fields.put("id", c.id());
            fields.put("name", c.name());
            fields.put("state", c.state().name().toLowerCase(Locale.ROOT));
            fields.put("created", c.created().toString());
            fields.put("base", c.base());
            fields.put("command", c.command());
            fields.put("pid", c.pid());
            fields.put("exit_code", c.exit() == null ? null : c.exit().code());
            fields.put("exit", c.exit() == null ? null : c.exit().toString());
            fields.put("restarts", c.restarts());
            List<String> lines = new ArrayList<>();
            fields.forEach((k, v) -> lines.add(String.format("%-10s %s", k + ":", v == null ? "-" : v)));
            output.record(format.format(), fields, lines);
        }
        return 0;
    }
}
