/**
 * Lit for Testcontainers: {@link dev.lit.testcontainers.LitContainer} is a Testcontainers
 * {@code Startable} that Lit runs, so {@code @Testcontainers} and {@code @Container} work on a
 * machine with no Docker engine.
 */
module dev.lit.testcontainers {
    requires transitive dev.lit.core;
    // The Testcontainers jar has no module name of its own; only its Startable, MountableFile,
    // BindMode and ContainerLaunchException are used, none of which talks to Docker.
    requires transitive testcontainers;
    requires java.net.http;
    requires static org.jspecify;

    exports dev.lit.testcontainers;
}
