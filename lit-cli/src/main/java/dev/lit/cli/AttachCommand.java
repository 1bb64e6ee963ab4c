package dev.lit.cli;

import dev.lit.DetachedContainer;
import dev.lit.LogEntry;
import dev.lit.LogQuery;
import dev.lit.UnsupportedFeatureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit attach}: a detached container's output from now on, and lit's stdin into it when it was kept open. */
@Command(name = "attach", description = {
    "Follow a detached container's output from now on until it ends, and exit with its status.",
    "If it was started with its stdin kept open (lit run -d -i), what lit reads on stdin is sent to it.",
    "Ctrl-C detaches: the container keeps running."})
final class AttachCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Option(names = "--no-stdin", description = "Do not send lit's stdin to the container.")
    private boolean noStdin;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Its id, a unique id prefix, or its name.")
    private String container = "";

    @Override
    public Integer call() throws InterruptedException {
        DetachedContainer c = Containers.named(container);
        Instant from = Instant.now();
        if (!noStdin) {
            forwardStdin(c);
        }
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        try (Stream<LogEntry> entries = c.logs(new LogQuery(true, from))) {
            entries.forEach(e -> {
                PrintWriter to = e.stream() == LogEntry.Stream.STDOUT ? out : err;
                to.print(e.text());
                if (!e.partial()) {
                    to.println();
                }
                to.flush();
            });
        }
        return ExitCodes.of(c.waitFor());
    }

    /** Copies lit's stdin on a daemon thread, which the JVM's exit ends: lit does not wait for more input. */
    private static void forwardStdin(DetachedContainer c) {
        OutputStream in;
        try {
            in = c.stdin();
        } catch (UnsupportedFeatureException e) {
            return; // its stdin is /dev/null: nothing to send
        }
        Thread.ofPlatform().daemon().name("lit-attach-stdin").start(() -> {
            try (OutputStream to = in; InputStream from = System.in) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) > 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the container ended or lit's stdin closed
            }
        });
    }
}
