package dev.lit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lit pause}: freezes detached containers (cgroup freezer). */
@Command(name = "pause", description = "Freeze every process of detached containers: they keep their state and get no CPU time until lit unpause.")
final class PauseCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names.")
    private List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        for (String c : containers) {
            Containers.named(c).pause();
            output.out().println(c);
        }
        return 0;
    }
}
