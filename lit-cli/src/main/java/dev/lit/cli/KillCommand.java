package dev.lit.cli;

import dev.lit.Signal;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit kill}: a signal to detached containers' PID 1. */
@Command(name = "kill", description = "Send a signal to detached containers (to their command, through Lit's init). A restart policy still applies; lit stop ends it.")
final class KillCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "The signal: a name (TERM, SIGHUP) or a number (default: KILL).")
    private String signal = "KILL";

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names.")
    private List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        Signal parsed;
        try {
            parsed = Signal.parse(signal);
        } catch (IllegalArgumentException e) {
            throw output.usage("--signal: " + e.getMessage());
        }
        PrintWriter out = output.out();
        for (String c : containers) {
            Containers.named(c).kill(parsed);
            out.println(c);
        }
        return 0;
    }
}
