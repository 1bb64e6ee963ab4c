package dev.lit.cli;

import dev.lit.Lit;
import dev.lit.compose.Application;
import dev.lit.compose.ServiceSpec;
import dev.lit.config.LitFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lit down}: stops the {@code lit up} of a lit.yml that runs in another shell (it then
 * brings its services down in reverse order), and removes what killed ones left behind (their containers, networks and records).
 */
@Command(name = "down", sortOptions = false,
        description = {
            "Bring down the application of a lit.yml that 'lit up' runs in another shell: lit up gets SIGTERM and stops "
                    + "the services in reverse order, removing their containers and networks. If it does not end in time it is "
                    + "killed, and what it left is removed as 'lit gc' does.",
            "An application that is not up is not an error: leftovers of killed processes are still removed."})
final class DownCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The lit.yml file (instead of the argument).")
    private @Nullable Path file;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
            description = "How long to wait for lit up to finish before killing it (default: the services' stop timeouts added up, plus 30).")
    private @Nullable Long timeoutSeconds;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The lit.yml file that was brought up.")
    private @Nullable Path positional;

    @Override
    public Integer call() throws InterruptedException {
        Path litFile = UpCommand.litFile(output, file, positional);
        Application application = LitFile.loadApplication(litFile);
        String name = application.name();
        PrintWriter err = output.err();
        Optional<AppState.Holder> holder = AppState.read(name);
        boolean wasUp = holder.isPresent() && holder.get().alive();
        if (wasUp) {
            ProcessHandle process = holder.get().process().orElseThrow();
            err.println("lit: stopping application '" + name + "' (lit up, pid " + process.pid() + ")");
            err.flush();
            process.destroy();
            if (!ended(process, timeout(application))) {
                err.println("lit: lit up (pid " + process.pid() + ") did not end in time; killing it");
                err.flush();
                process.destroyForcibly();
                ended(process, Duration.ofSeconds(10));
            }
        }
        AppState.forget(name);
        AppState.forgetStale();
        int removed = Lit.runtime().collectGarbage();
        String leftovers = "removed " + removed + " leftover container" + (removed == 1 ? "" : "s");
        if (wasUp) {
            if (removed > 0) {
                err.println("lit: " + leftovers);
            }
            err.println("lit: application '" + name + "' is down");
        } else {
            // one line: nothing was stopped, so "is down" would only repeat it
            err.println("lit: application '" + name + "' is not up" + (removed > 0 ? "; " + leftovers : ": nothing to stop"));
        }
        err.flush();
        return 0;
    }

    private Duration timeout(Application application) {
        if (timeoutSeconds != null) {
            return Duration.ofSeconds(Math.max(0, timeoutSeconds));
        }
        return application.services().stream().map(ServiceSpec::stopTimeout).reduce(Duration.ofSeconds(30), Duration::plus);
    }

    private static boolean ended(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
