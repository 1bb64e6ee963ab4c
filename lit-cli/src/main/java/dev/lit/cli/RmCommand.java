package dev.lit.cli;

import dev.lit.DetachedContainer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit rm}: removes ended detached containers, or running ones with -f. */
@Command(name = "rm", description = "Remove detached containers: their state, logs, cgroups and writable layer. A running one needs -f.")
final class RmCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = {"-f", "--force"}, description = "Kill a running container (SIGKILL) and remove it.")
    private boolean force;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names.")
    private List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = output.out();
        for (String c : containers) {
            DetachedContainer container = Containers.named(c);
            if (force) {
                container.forceRemove();
            } else {
                container.remove();
            }
            out.println(c);
        }
        return 0;
    }
}
