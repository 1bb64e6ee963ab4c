package dev.lit.cli;

import dev.lit.linux.image.Images;
import dev.lit.linux.image.PushResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit push}: pushes an image from Lit's store to a registry. */
@Command(name = "push", description = {"Push an image from Lit's store to a registry.",
    "Blobs the registry has are skipped, blobs in another repository of the same registry are mounted."})
final class PushCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = "--chunk-size", paramLabel = "BYTES", description = "Upload in chunks of this size (e.g. 16m); default: one request per blob.")
    private @Nullable String chunkSize;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image in the store.")
    private String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET", description = "Where to push it (default: IMAGE itself).")
    private @Nullable String target;

    @Override
    public Integer call() throws InterruptedException {
        long chunk = chunkSize == null ? 0 : dev.lit.ByteSize.parse(chunkSize).bytes();
        String to = target == null ? source : target;
        PushResult r = Images.open().push(source, to, chunk);
        PrintWriter out = output.out();
        out.println(to + " " + r.manifest() + " (" + r.uploaded() + " uploaded, " + r.mounted() + " mounted, " + r.skipped() + " already there)");
        return 0;
    }
}
