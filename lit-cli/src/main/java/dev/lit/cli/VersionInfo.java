package dev.lit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Lit's version (from the build) and the Java running it, for {@code lit -V} and {@code lit version}. */
final class VersionInfo implements IVersionProvider {

    /** Lit's version, as the build stamped it into this module. */
    static String litVersion() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: a version is not worth failing for
        }
        return "unknown (not built by Maven)";
    }

    static String javaVersion() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ", "
                + System.getProperty("java.home", "?") + ")";
    }

    static List<String> lines() {
        return List.of("lit " + litVersion(), "java " + javaVersion());
    }

    @Override
    public String[] getVersion() {
        return lines().toArray(String[]::new);
    }
}
