package dev.lit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lit start}: starts containers made by {@code lit create}. */
@Command(name = "start", description = "Start containers made by lit create, under Lit's monitor; prints each one as it starts.")
final class StartCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names.")
    private List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        for (String c : containers) {
            Containers.named(c).start();
            out.println(c);
            out.flush();
        }
        return 0;
    }
}
