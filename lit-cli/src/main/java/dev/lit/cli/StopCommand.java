package dev.lit.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit stop}: SIGTERM, then SIGKILL after a timeout; ends restarts. */
@Command(name = "stop", description = "Stop detached containers: SIGTERM, then SIGKILL after the timeout. A stopped container is not restarted; lit rm removes it.")
final class StopCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", description = "Seconds to wait before SIGKILL (default: 10).")
    private int seconds = 10;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER", description = "Ids, unique id prefixes or names.")
    private List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = output.out();
        for (String c : containers) {
            Containers.named(c).stop(Duration.ofSeconds(seconds));
            out.println(c);
        }
        return 0;
    }
}
