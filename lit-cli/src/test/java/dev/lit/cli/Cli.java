package dev.lit.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.Stdio;
import dev.lit.linux.ffm.Libc;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code lit} in this JVM, with its own output and its containers' output captured. */
final class Cli {
    private Cli() {
    }

    /** What one {@code lit} command line did: its exit status and everything on stdout and stderr. */
    record Outcome(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code lit args...}; containers read an empty stdin and write lines into the captured streams. */
    static Outcome lit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        Stdio stdio = new Stdio(Stdio.emptyInput(), Stdio.lines(outWriter::println), Stdio.lines(errWriter::println));
        int status = Main.execute(stdio, outWriter, errWriter, args);
        return new Outcome(status, out.toString(), err.toString());
    }

    static boolean isRoot() {
        return Libc.geteuid() == 0;
    }

    /** Skips the test unless it runs as root. */
    static void assumeRoot() {
        assumeTrue(isRoot(), "needs root: Lit runs containers as root until rootless mode lands");
    }
}
