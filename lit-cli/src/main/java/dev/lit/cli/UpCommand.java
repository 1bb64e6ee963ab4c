package dev.lit.cli;

import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.compose.Application;
import dev.lit.compose.ApplicationListener;
import dev.lit.compose.RunningApplication;
import dev.lit.compose.ServiceSpec;
import dev.lit.config.LitFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lit up}: brings the services of a lit.yml up in dependency order, in the foreground,
 * streaming their output with each line prefixed by its service, until Ctrl-C, SIGTERM,
 * {@code lit down FILE}, or every service has ended; then brings them down in reverse.
 */
@Command(name = "up", sortOptions = false,
        description = {
            "Start the services of a lit.yml file in dependency order, each once what it depends on is ready, "
                    + "and stream their output prefixed with the service's name.",
            "",
            "lit up stays in the foreground. Ctrl-C or SIGTERM (or 'lit down FILE' from another shell) stops the services "
                    + "in reverse order (SIGTERM, then SIGKILL after each one's stop_timeout) and removes their containers "
                    + "and networks; a second Ctrl-C kills them at once. When every service has ended by itself, lit up ends too.",
            "A file with one container is an application of one service."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the application was brought down, or every service ended with 0",
            "<n>:with --exit-code-from, that service's exit code; else the first non-zero code of a service that ended by itself",
            "125:Lit failed: a bad lit.yml, a service that failed to start (everything started was removed), or the application is already up",
            "130:interrupted while the services were starting (everything started was removed)"})
final class UpCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The lit.yml file (instead of the argument).")
    private @Nullable Path file;

    @Option(names = "--exit-code-from", paramLabel = "SERVICE",
            description = "Bring everything down when SERVICE ends, and exit with its exit code (a test run: a client against its servers).")
    private @Nullable String exitCodeFrom;

    @Option(names = "--no-log-prefix", description = "Print the services' output without the 'service | ' prefix.")
    private boolean noPrefix;

    @Option(names = {"-d", "--detach"}, description = "Not supported yet: lit up runs in the foreground; use 'lit down FILE' from another shell.")
    private boolean detach;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The lit.yml file describing the services.")
    private @Nullable Path positional;

    @Override
    public Integer call() throws Exception {
        if (detach) {
            throw output.usage("--detach is not supported yet: run lit up in the foreground (or in the background with '&'), "
                    + "and stop it with 'lit down FILE'");
        }
        Path litFile = litFile(output, file, positional);
        Application application = LitFile.loadApplication(litFile);
        if (exitCodeFrom != null && application.services().stream().noneMatch(s -> s.name().equals(exitCodeFrom))) {
            throw output.usage("--exit-code-from: no service '" + exitCodeFrom + "' in " + litFile);
        }
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        ServiceLog log = new ServiceLog(out, err, application, !noPrefix);
        try (AppState state = AppState.claim(application.name(), litFile);
             StopSignals signals = StopSignals.install(Thread.currentThread())) {
            RunningApplication running;
            try {
                signals.interruptOnFirst(true);
                running = Lit.up(application, log);
                signals.interruptOnFirst(false);
                Thread.interrupted(); // a signal between the start's end and the line above: the wait below sees it
            } catch (InterruptedException e) {
                err.println("lit: interrupted; what had started was stopped and removed");
                err.flush();
                return 130;
            }
            state.up(running);
            log.note("application '" + application.name() + "' is up (" + application.services().size() + " service"
                    + (application.services().size() == 1 ? "" : "s") + "); Ctrl-C or 'lit down " + litFile + "' to stop it");
            CompletableFuture<Integer> ended = ended(running);
            int status;
            try {
                status = CompletableFuture.anyOf(ended, signals.received()).thenApply(v -> ended.getNow(0)).get();
            } catch (InterruptedException e) {
                status = 0;
            } catch (ExecutionException e) {
                throw new LitException("waiting for the services failed: " + e.getCause(), e.getCause());
            }
            if (signals.received().isDone()) {
                log.note("stopping (press Ctrl-C again to kill everything at once)");
                status = 0;
            }
            signals.forceOnNext();
            running.down();
            log.note("application '" + application.name() + "' is down");
            return status;
        }
    }

    /** Completes with lit up's status when the application has ended by itself. */
    private CompletableFuture<Integer> ended(RunningApplication running) {
        if (exitCodeFrom != null) {
            return running.container(exitCodeFrom).onExit().thenApply(ExitCodes::of);
        }
        return running.onExit().thenApply(UpCommand::firstFailure);
    }

    private static int firstFailure(Map<String, ExitStatus> statuses) {
        return statuses.values().stream().filter(s -> !s.success()).findFirst().map(ExitCodes::of).orElse(0);
    }

    /** The file from -f or the argument, which must exist. */
    static Path litFile(Output output, @Nullable Path option, @Nullable Path argument) {
        Path chosen = option != null ? option : argument;
        if (chosen == null) {
            chosen = Path.of("lit.yml");
        }
        if (!Files.isRegularFile(chosen)) {
            throw output.usage(chosen + ": no such file" + (option == null && argument == null ? " (give the lit.yml file to use)" : ""));
        }
        return chosen;
    }

    /** Prints the services' lines as {@code name | text}, names padded to one width, and Lit's notes on stderr. */
    static final class ServiceLog implements ApplicationListener {
        private final PrintWriter out;
        private final PrintWriter err;
        private final int width;
        private final boolean prefix;

        ServiceLog(PrintWriter out, PrintWriter err, Application application, boolean prefix) {
            this.out = out;
            this.err = err;
            this.width = application.services().stream().map(ServiceSpec::name).mapToInt(String::length).max().orElse(0);
            this.prefix = prefix;
        }

        @Override
        public void output(LogLine line) {
            String text = prefix ? String.format("%-" + width + "s | %s", line.service(), line.text()) : line.text();
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        }

        @Override
        public void event(ServiceEvent event) {
            String what = switch (event.state()) {
                case STARTING -> null;
                case STARTED -> "started (" + event.detail() + ")";
                case READY -> "ready";
                case STOPPING -> "stopping";
                case STOPPED -> "stopped" + (event.detail().isEmpty() ? "" : ": " + event.detail());
                case FAILED -> "failed";
            };
            if (what != null) {
                note(event.service() + " " + what);
            }
        }

        void note(String text) {
            synchronized (err) {
                err.println("lit: " + text);
                err.flush();
            }
        }
    }
}
