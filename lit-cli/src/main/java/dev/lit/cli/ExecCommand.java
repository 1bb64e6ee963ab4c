package dev.lit.cli;

import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.InvalidSpecException;
import dev.lit.Stdio;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit exec}: a command in a running detached container, with the command's exit status. */
@Command(name = "exec", sortOptions = false,
        description = {
            "Run a command in a running detached container: in its namespaces, cgroup and root filesystem, with its environment, "
                    + "user and confinement. lit exits with the command's status.",
            "The command runs as a child of lit: it ends when lit is killed."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "<n>:the command's exit code; 128+N when a signal N ended it",
            "125:Lit failed: no such container, it is not running or is paused, or a bad flag",
            "126:the command exists but cannot be invoked",
            "127:the command was not found in the container"})
final class ExecCommand implements Callable<Integer> {
    private final Stdio stdio;

    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = {"-i", "--interactive"}, description = "Send lit's stdin to the command (without it the command reads an empty stdin).")
    private boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a pseudo-terminal; with -i (-it) lit's terminal is raw while it runs and its window size follows lit's.")
    private boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Set an environment variable (over the container's); a bare KEY copies its value from lit's environment. Repeatable.")
    private List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The working directory in the container (absolute; default: the container's).")
    private @Nullable String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]", description = "Run as this numeric user (default: the container's).")
    private @Nullable String user;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Its id, a unique id prefix, or its name.")
    private String container = "";

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD ARG", description = "The command and its arguments.")
    private List<String> command = new ArrayList<>();

    ExecCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    @Override
    public Integer call() throws InterruptedException {
        TerminalSession.requireTerminalInput(interactive, tty);
        ExecSpec spec = spec();
        try (ExecProcess process = Containers.named(container).exec(spec)) {
            if (!tty) {
                return ExitCodes.of(process.result().status());
            }
            try (TerminalSession session = TerminalSession.start(process.stdin(), process.stdout(), process::resizeTty, interactive)) {
                var status = process.waitFor();
                session.drain(2_000);
                return ExitCodes.of(status);
            }
        }
    }

    private ExecSpec spec() {
        ExecSpec.Builder b = ExecSpec.builder(command).workdir(workdir).user(user);
        for (String assignment : env) {
            int eq = assignment.indexOf('=');
            String key = eq < 0 ? assignment : assignment.substring(0, eq);
            String value = eq >= 0 ? assignment.substring(eq + 1) : System.getenv(key);
            if (value != null) { // a bare KEY that lit's environment lacks is left out, as Docker does
                b.env(key, value);
            }
        }
        b.stdio(tty ? Stdio.tty() : new Stdio(interactive ? stdio.stdin() : Stdio.emptyInput(), stdio.stdout(), stdio.stderr()));
        try {
            return b.build();
        } catch (InvalidSpecException e) {
            String flag = switch (e.field()) {
                case "exec.env" -> "--env";
                case "exec.workdir" -> "--workdir";
                case "exec.user" -> "--user";
                default -> e.field();
            };
            throw output.usage(flag + ": " + e.reason());
        }
    }
}
