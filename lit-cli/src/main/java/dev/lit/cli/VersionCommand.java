package dev.lit.cli;

import dev.lit.Lit;
import dev.lit.UnsupportedPlatformException;
import dev.lit.spi.ContainerRuntime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lit version}: Lit's version, Java's, and whether a container runtime can run here. */
@Command(name = "version", description = {
    "Print Lit's version, the Java running it, and whether this host can run containers (and if not, why).",
    "Exits 0 even when no runtime is available; the reason is on the runtime line."})
final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        VersionInfo.lines().forEach(out::println);
        out.println("runtime " + runtime());
        out.flush();
        return 0;
    }

    private static String runtime() {
        try {
            ContainerRuntime r = Lit.runtime();
            ContainerRuntime.Availability a = r.availability();
            return r.name() + ": " + (a.available() ? "available, " : "not available, ") + a.reason();
        } catch (UnsupportedPlatformException e) {
            return "none: " + e.getMessage();
        }
    }
}
