package dev.lit.examples;

import dev.lit.Container;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.Stdio;
import java.time.Duration;
import java.util.List;

/**
 * A test harness's view: run untrusted snippets in throw-away sandboxes built on the host's
 * own binaries, with limits, input and a timeout.
 */
public final class Sandbox {
    private Sandbox() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunResult ok = Lit.run(Container.builder()
                .entrypoint(List.of("/bin/sh", "-c", "tr a-z A-Z; echo \"running as PID $$ on $(hostname)\""))
                .stdin(Stdio.text("hello from the JVM\n"))
                .hostname("sandbox")
                .memory("64M").cpus("0.5").pids(32));
        System.out.print(ok.stdoutText());

        RunResult greedy = Lit.run(Container.builder()
                .entrypoint(List.of("/bin/sh", "-c", "x=a; while true; do x=$x$x; done"))
                .memory("32M"));
        System.out.println("a greedy snippet: " + greedy.status());

        try (Container slow = Lit.start(Container.builder().entrypoint("sleep 60"))) {
            if (slow.waitFor(Duration.ofMillis(500)).isEmpty()) {
                System.out.println("a slow snippet timed out; closing it kills it and removes its sandbox");
            }
        }
        ExitStatus status = Lit.run(Container.builder().entrypoint("/bin/false")).status();
        System.out.println("/bin/false: " + status);
    }
}
