package dev.lit.cli;

import dev.lit.linux.image.ImageException;
import dev.lit.linux.image.Images;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit rmi}: removes image references from the store; unused layers go with {@code --prune} or {@code lit image prune}. */
@Command(name = "rmi", description = {"Remove images from Lit's store.",
    "Their layers stay until 'lit image prune' (or --prune) removes what no image uses."})
final class RmiCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = "--prune", description = "Then remove the layers and blobs no image uses.")
    private boolean prune;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image references, as pulled.")
    private List<String> references;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        Images images = Images.open();
        List<String> missing = new java.util.ArrayList<>();
        for (String reference : references) {
            if (images.remove(reference)) {
                out.println("Untagged: " + reference);
            } else {
                missing.add(reference);
            }
        }
        if (prune) {
            PruneCommand.print(out, images.prune());
        }
        if (!missing.isEmpty()) {
            throw new ImageException("no such image" + (missing.size() == 1 ? "" : "s") + ": " + String.join(", ", missing));
        }
        return 0;
    }
}
