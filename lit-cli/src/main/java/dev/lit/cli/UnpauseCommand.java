package dev.lit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lit unpause}: thaws containers that lit pause froze. */
@Command(name = "unpause", description = "Thaw paused detached containers.")
final class UnpauseCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names.")
    private List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        for (String c : containers) {
            Containers.named(c).resume();
            output.out().println(c);
        }
        return 0;
    }
}
