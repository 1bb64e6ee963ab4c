package dev.lit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lit image}: image management subcommands ({@code lit image prune}). */
@Command(name = "image", description = "Manage images in Lit's store.", subcommands = PruneCommand.class)
final class ImageCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a subcommand: prune");
    }
}
