package dev.lit.cli;

import dev.lit.linux.image.ImageOptions;
import dev.lit.linux.image.Images;
import dev.lit.linux.image.LocalImage;
import dev.lit.linux.image.Platform;
import dev.lit.linux.image.PullEvent;
import dev.lit.linux.image.PullListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit pull}: pulls an image (or imports an offline one) into Lit's store, with a progress bar. */
@Command(name = "pull", description = {
    "Pull an image into Lit's store: from a registry (alpine:3.20, ghcr.io/o/r:tag, host:5000/r@sha256:...),",
    "an OCI layout (oci:PATH[:TAG]) or a docker save tarball (docker-archive:PATH[:REF]).",
    "Layers already in the store are not downloaded again."})
final class PullCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "The platform to pull from a multi-platform image (default: this host's).")
    private @Nullable String platform;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image's manifest digest.")
    private boolean quiet;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image reference or offline source.")
    private String reference;

    @Override
    public Integer call() throws InterruptedException {
        ImageOptions options = ImageOptions.defaults();
        if (platform != null) {
            options = options.withPlatform(Platform.parse(platform));
        }
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Progress progress = new Progress(err, quiet);
        LocalImage image = Images.open(options).pull(reference, progress);
        progress.finish();
        if (quiet) {
            out.println(image.record().manifest());
        } else {
            out.println(image.reference() + " " + image.record().manifest() + " (" + image.layers().size() + " layers, "
                    + Sizes.human(image.size()) + ")");
        }
        return 0;
    }

    /** One status line on stderr, rewritten in place: layers done of all, bytes downloaded of all. */
    static final class Progress implements PullListener {
        private final PrintWriter err;
        private final boolean quiet;
        private final Map<String, long[]> layers = new ConcurrentHashMap<>();
        private volatile int total;
        private long lastPrint;

        Progress(PrintWriter err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public void onEvent(PullEvent event) {
            switch (event) {
                case PullEvent.Resolved r -> total = r.layers();
                case PullEvent.LayerCached c -> layers.put(c.blob().toString(), new long[] {c.size(), c.size(), 1});
                case PullEvent.LayerProgress p -> layers.compute(p.blob().toString(),
                        (k, v) -> new long[] {p.done(), p.total(), v == null ? 0 : v[2]});
                case PullEvent.LayerUnpacked u -> layers.computeIfPresent(u.blob().toString(), (k, v) -> new long[] {v[0], v[1], 1});
                default -> {
                }
            }
            print(false);
        }

        private synchronized void print(boolean last) {
            if (quiet) {
                return;
            }
            long now = System.nanoTime();
            if (!last && now - lastPrint < 100_000_000L) {
                return;
            }
            lastPrint = now;
            long done = 0;
            long size = 0;
            int finished = 0;
            for (long[] l : layers.values()) {
                done += l[0];
                size += Math.max(l[1], 0);
                finished += (int) l[2];
            }
            err.print("\r" + finished + "/" + total + " layers  " + Sizes.human(done) + " / " + Sizes.human(size) + "   ");
            if (last) {
                err.println();
            }
            err.flush();
        }

        void finish() {
            print(true);
        }
    }
}
