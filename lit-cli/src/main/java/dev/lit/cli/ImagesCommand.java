package dev.lit.cli;

import dev.lit.linux.image.Images;
import dev.lit.linux.image.LocalImage;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lit images}: lists the images in Lit's store. */
@Command(name = "images", description = "List the images in Lit's store (the Lit root: /var/lib/lit for root, LIT_ROOT to change it).")
final class ImagesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = {"-q", "--quiet"}, description = "Print only the references.")
    private boolean quiet;

    @Option(names = "--digests", description = "Show full manifest digests.")
    private boolean digests;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Images images = Images.open();
        if (quiet) {
            images.list().forEach(i -> out.println(i.reference()));
        } else {
            String format = "%-50s  %-" + (digests ? 71 : 19) + "s  %6s  %10s  %s%n";
            out.printf(format, "REFERENCE", "MANIFEST", "LAYERS", "SIZE", "PULLED");
            for (LocalImage i : images.list()) {
                String digest = i.record().manifest().toString();
                out.printf(format, i.reference(), digests ? digest : digest.substring(0, 19), i.layers().size(),
                        Sizes.human(i.size()), ago(i.record().pulled()));
            }
        }
        out.flush();
        return 0;
    }

    private static String ago(Instant when) {
        Duration d = Duration.between(when, Instant.now());
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " minutes ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " hours ago";
        }
        return d.toDays() + " days ago";
    }
}
