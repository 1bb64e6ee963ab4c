package dev.lit.cli;

import dev.lit.cli.Output.Column;
import dev.lit.linux.image.Images;
import dev.lit.linux.image.LocalImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lit images}: lists the images in Lit's store. */
@Command(name = "images", description = "List the images in Lit's store (the Lit root: /var/lib/lit for root, LIT_ROOT to change it).")
final class ImagesCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Mixin
    private FormatOption format;

    @Option(names = {"-q", "--quiet"}, description = "Print only the references.")
    private boolean quiet;

    @Option(names = "--digests", description = "Show full manifest digests in the table.")
    private boolean digests;

    @Override
    public Integer call() {
        List<LocalImage> images = Images.open().list();
        if (quiet) {
            images.forEach(i -> output.out().println(i.reference()));
            return 0;
        }
        output.list(format.format(), List.of(
                Column.of("REFERENCE", "reference", LocalImage::reference),
                Column.of("MANIFEST", "manifest", i -> i.record().manifest().toString(), this::shortDigest),
                Column.jsonOnly("config", i -> i.record().config().toString()),
                Column.of("LAYERS", "layers", i -> i.layers().size()),
                Column.of("SIZE", "size", LocalImage::size, i -> Sizes.human(i.size())),
                Column.of("PULLED", "pulled", i -> i.record().pulled().toString(), i -> ago(i.record().pulled()))),
                images);
        return 0;
    }

    private String shortDigest(LocalImage image) {
        String digest = image.record().manifest().toString();
        return digests ? digest : digest.substring(0, Math.min(19, digest.length()));
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
