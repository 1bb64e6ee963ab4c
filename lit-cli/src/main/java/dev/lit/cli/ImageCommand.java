package dev.lit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lit image}: image management subcommands ({@code lit image prune}). */
@Command(name = "image", description = "Manage images in Lit's store.", subcommands = PruneCommand.class)
final class ImageCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Override
    public Integer call() {
        throw output.usage("missing a subcommand: prune");
    }
}
