package dev.lit.compose;

import dev.lit.Stdio;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where one service's output lines go: the application's listener, the log-line readiness
 * check, and a short tail kept for the message when the service fails.
 */
final class ServiceOutput {
    private static final int TAIL_LINES = 15;

    private final String service;
    private final ApplicationListener listener;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final List<Watch> watches = new ArrayList<>();

    private record Watch(Pattern pattern, CompletableFuture<String> matched) {
    }

    ServiceOutput(String service, ApplicationListener listener) {
        this.service = service;
        this.listener = listener;
    }

    /** The streams for the service's container: no input, each output line through here (and to a line consumer the spec had). */
    Stdio stdio(Stdio requested) {
        return new Stdio(Stdio.emptyInput(),
                Stdio.lines(tee(requested.stdout(), line -> line(false, line))),
                Stdio.lines(tee(requested.stderr(), line -> line(true, line))));
    }

    private static Consumer<String> tee(Stdio.Output requested, Consumer<String> ours) {
        return requested instanceof Stdio.Output.Lines(Consumer<String> theirs) ? ours.andThen(theirs) : ours;
    }

    /** Completes with the first line, from now on, that {@code pattern} finds a match in. */
    synchronized CompletableFuture<String> watch(Pattern pattern) {
        Watch w = new Watch(pattern, new CompletableFuture<>());
        watches.add(w);
        return w.matched();
    }

    private void line(boolean stderr, String text) {
        // The listener first: a line that makes the service ready is printed before the READY it causes.
        listener.output(new ApplicationListener.LogLine(service, stderr, text));
        synchronized (this) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(text);
            for (Watch w : watches) {
                if (!w.matched().isDone() && w.pattern().matcher(text).find()) {
                    w.matched().complete(text);
                }
            }
        }
    }

    /** The last lines written, for a failure message; empty when there were none. */
    synchronized String tail() {
        if (tail.isEmpty()) {
            return "";
        }
        return "; its last output:\n  " + String.join("\n  ", tail);
    }
}
