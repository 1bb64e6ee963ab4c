package dev.lit.examples;

import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.config.LitFile;
import java.nio.file.Path;

/** Runs a lit.yml from Java and prints what the container wrote: the shortest use of Lit. */
public final class RunLitFile {
    private RunLitFile() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/hello/lit.yml");
        RunResult result = Lit.run(LitFile.load(file));
        System.out.print(result.stdoutText());
        System.err.print(result.stderrText());
        System.out.println("-> " + result.status());
        System.exit(result.exitCode());
    }
}
