package dev.lit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lit completion bash|zsh}: a completion script for the verbs and their options. */
@Command(name = "completion", description = {
    "Print a shell completion script for lit's commands and options.",
    "bash: source <(lit completion bash), or save it in /etc/bash_completion.d/lit.",
    "zsh: source <(lit completion zsh) (the script loads bashcompinit itself)."})
final class CompletionCommand implements Callable<Integer> {
    /** The shells the script supports: picocli's script is bash, and zsh runs it through bashcompinit. */
    enum Shell {
        /** GNU bash 4 or newer. */
        BASH,
        /** zsh, through its bash completion emulation. */
        ZSH
    }

    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    private Shell shell;

    @Override
    public Integer call() {
        output.out().print(AutoComplete.bash("lit", output.root()));
        return 0;
    }
}
