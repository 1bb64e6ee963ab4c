/**
 * The {@code lit} command: a thin layer over the Lit API that runs containers from flags
 * or from a lit.yml file.
 */
module dev.lit.cli {
    requires dev.lit.core;
    requires dev.lit.config;
    requires dev.lit.linux;
    requires info.picocli;
    // sun.misc.Signal (reflectively): lit up stops its services in order at the first SIGINT/SIGTERM instead of the JVM exiting.
    requires jdk.unsupported;
    requires static org.jspecify;

    opens dev.lit.cli to info.picocli;
}
