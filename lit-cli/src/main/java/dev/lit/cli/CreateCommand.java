package dev.lit.cli;

import dev.lit.Stdio;
import picocli.CommandLine.Command;

/** {@code lit create}: {@code lit run -d}'s container, prepared but not started; {@code lit start} starts it. */
@Command(name = "create", sortOptions = false,
        customSynopsis = {
            "lit create [OPTIONS] FILE [CMD [ARG...]]",
            "       lit create [OPTIONS] BASE CMD [ARG...]",
            ""},
        description = {
            "Create a detached container without starting it, and print its id; lit start starts it.",
            "",
            "Its state, writable layer and cgroups exist, nothing runs: lit start starts it (from any shell), lit rm removes it, "
                    + "lit ps -a shows it as created.",
            "Takes lit run's options; -d is implied. Not yet with a bridge network or --userns auto, nor rootless."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the container was created",
            "125:Lit failed: a bad flag, a bad lit.yml, or an error creating the container"})
final class CreateCommand extends RunCommand {
    CreateCommand(Stdio stdio) {
        super(stdio);
    }

    @Override
    boolean createOnly() {
        return true;
    }
}
