package dev.lit.cli;

import dev.lit.Lit;
import dev.lit.UnsupportedPlatformException;
import dev.lit.spi.ContainerRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lit version}: Lit's version, Java's, and whether a container runtime can run here. */
@Command(name = "version", description = {
    "Print Lit's version, the Java running it, and whether this host can run containers (and if not, why).",
    "Exits 0 even when no runtime is available; the reason is on the runtime line."})
final class VersionCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        Map<String, Object> runtime = runtime();
        List<String> lines = new ArrayList<>(VersionInfo.lines());
        lines.add("runtime " + runtime.get("name") + ": " + (Boolean.TRUE.equals(runtime.get("available")) ? "available, " : "not available, ")
                + runtime.get("reason"));
        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", Runtime.version().toString());
        java.put("vendor", System.getProperty("java.vendor", ""));
        java.put("home", System.getProperty("java.home", ""));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lit", VersionInfo.litVersion());
        fields.put("java", java);
        fields.put("runtime", runtime);
        output.record(format.format(), fields, lines);
        return 0;
    }

    /** The runtime's name, whether it can run containers here, and why (not). */
    private static Map<String, Object> runtime() {
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            ContainerRuntime r = Lit.runtime();
            ContainerRuntime.Availability a = r.availability();
            fields.put("name", r.name());
            fields.put("available", a.available());
            fields.put("reason", a.reason());
        } catch (UnsupportedPlatformException e) {
            fields.put("name", "none");
            fields.put("available", false);
            fields.put("reason", e.getMessage());
        }
        return fields;
    }
}
