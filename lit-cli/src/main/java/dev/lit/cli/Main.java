package dev.lit.cli;

import dev.lit.LitException;
import dev.lit.Stdio;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code lit} command: one picocli subcommand per verb. Errors print as
 * {@code lit: message} on standard error, with a stack trace only when {@code LIT_DEBUG=1}.
 */
@Command(name = "lit", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Run Linux containers with Lit: no daemon, no images needed (the host's root can be the base).",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'lit COMMAND --help' for more on a command. Set LIT_DEBUG=1 for stack traces."})
public final class Main implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private Main() {
    }

    /**
     * Runs {@code lit}; the JVM exits only after the command has returned, so containers are closed first.
     *
     * @param args the command line, without {@code lit}
     */
    public static void main(String[] args) {
        int status = execute(args);
        System.exit(status);
    }

    /**
     * Runs a {@code lit} command line on this process's terminal and returns its exit status.
     *
     * @param args the command line, without {@code lit}
     * @return the exit status: the container's, or 125, 126, 127
     */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()));
        return execute(Stdio.INHERIT, out, err, args);
    }

    /**
     * Runs a {@code lit} command line with lit's own output on {@code out} and {@code err}
     * and containers' standard streams on {@code stdio}, and returns its exit status.
     *
     * @param stdio where containers' standard streams go
     * @param out   lit's own output
     * @param err   lit's own messages
     * @param args  the command line, without {@code lit}
     * @return the exit status: the container's, or 125, 126, 127
     */
    public static int execute(Stdio stdio, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(stdio);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(Stdio stdio) {
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand(new RunCommand(stdio))
                .addSubcommand(new CreateCommand(stdio))
                .addSubcommand(new StartCommand())
                .addSubcommand(new UpCommand())
                .addSubcommand(new DownCommand())
                .addSubcommand(new GcCommand())
                .addSubcommand(new PullCommand())
                .addSubcommand(new ImagesCommand())
                .addSubcommand(new RmiCommand())
                .addSubcommand(new PushCommand())
                .addSubcommand(new ImageCommand())
                .addSubcommand(new PsCommand())
                .addSubcommand(new LogsCommand())
                .addSubcommand(new StopCommand())
                .addSubcommand(new KillCommand())
                .addSubcommand(new RmCommand())
                .addSubcommand(new InspectCommand())
                .addSubcommand(new AttachCommand())
                .addSubcommand(new ExecCommand(stdio))
                .addSubcommand(new StatsCommand())
                .addSubcommand(new PauseCommand())
                .addSubcommand(new UnpauseCommand())
                .addSubcommand(new VolumeCommand())
                .addSubcommand(new VersionCommand())
                .addSubcommand(new CompletionCommand())
                .addSubcommand(new HelpCommand());
        // Everything after the base (or file) belongs to the container's command, -c included.
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.getSubcommands().get("create").setStopAtPositional(true);
        cli.getSubcommands().get("exec").setStopAtPositional(true);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(Main::failed);
        cli.setParameterExceptionHandler(Main::misused);
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command: run, up, down, ps, logs, inspect, attach, exec, stats, pause, unpause, stop, kill, rm, volume, pull, images, rmi, push, image, gc, version, completion or help");
    }

    /** A bad command line: the message, suggestions for typos, and where to read more. */
    private static int misused(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("lit: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        debug(e, err);
        err.flush();
        return ExitCodes.LIT_FAILED;
    }

    /** A failure while running a command: Lit's message as it is, anything else as an internal error. */
    private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof LitException) {
            err.println("lit: " + e.getMessage());
        } else if (e instanceof InterruptedException) {
            err.println("lit: interrupted");
        } else {
            err.println("lit: internal error: " + e + (debugging() ? "" : " (set LIT_DEBUG=1 for the stack trace)"));
        }
        debug(e, err);
        err.flush();
        return ExitCodes.of(e);
    }

    private static void debug(Exception e, PrintWriter err) {
        if (debugging()) {
            e.printStackTrace(err);
        }
    }

    private static boolean debugging() {
        return "1".equals(System.getenv("LIT_DEBUG"));
    }
}
