package dev.lit.cli;

import dev.lit.linux.image.Images;
import dev.lit.linux.image.PruneResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lit image prune}: removes layers and blobs no image uses. */
@Command(name = "prune", description = {"Remove the layers and blobs that no image in the store uses.",
    "Layers that running containers have mounted are kept."})
final class PruneCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Override
    public Integer call() {
        print(output.out(), Images.open().prune());
        return 0;
    }

    static void print(PrintWriter out, PruneResult r) {
        out.println("removed " + r.layers() + " layer" + (r.layers() == 1 ? "" : "s") + " and " + r.blobs() + " blob"
                + (r.blobs() == 1 ? "" : "s") + ", " + Sizes.human(r.bytes()) + " freed");
    }
}
