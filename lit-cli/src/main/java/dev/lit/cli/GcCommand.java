package dev.lit.cli;

import dev.lit.Lit;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lit gc}: removes what containers of dead processes left behind. */
@Command(name = "gc", description = {
    "Remove what containers of processes that are gone left behind: cgroups, mounts, writable layers and state directories.",
    "Lit also does this on its first use in every process; containers of live processes are never touched."})
final class GcCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Override
    public Integer call() {
        int removed = Lit.runtime().collectGarbage();
        PrintWriter out = output.out();
        out.println("removed " + removed + " leftover container" + (removed == 1 ? "" : "s"));
        return 0;
    }
}
