package dev.lit.cli;

import dev.lit.LogEntry;
import dev.lit.LogQuery;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit logs}: what a detached container wrote, from its rotated log. */
@Command(name = "logs", description = "Print a detached container's output, oldest first: its stdout here on stdout, its stderr on stderr.")
final class LogsCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container ends (or Ctrl-C).")
    private boolean follow;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only output since WHEN: a time (2026-12-04T16:35:00Z) or a duration back from now (10s, 5m, 2h).")
    private @Nullable String since;

    @Option(names = {"-t", "--timestamps"}, description = "Start each line with the time it was written.")
    private boolean timestamps;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Its id, a unique id prefix, or its name.")
    private String container = "";

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        LogQuery query = new LogQuery(follow, since == null ? null : since(since));
        try (Stream<LogEntry> entries = Containers.named(container).logs(query)) {
            entries.forEach(e -> {
                PrintWriter to = e.stream() == LogEntry.Stream.STDOUT ? out : err;
                to.print((timestamps ? e.time() + " " : "") + e.text());
                if (!e.partial()) {
                    to.println();
                }
                if (follow) {
                    to.flush();
                }
            });
        }
        return 0;
    }

    private Instant since(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            try {
                return Instant.now().minus(Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT)));
            } catch (DateTimeParseException notADuration) {
                throw output.usage("--since: '" + text + "' is neither a time (2026-12-04T16:35:00Z) nor a duration (10s, 5m, 2h)");
            }
        }
    }
}
