/**
 * Lit's Linux runtime: namespaces, cgroups (v2 first, v1 fallback), an OverlayFS root
 * entered with pivot_root, libc through FFM, and a small static helper that executes
 * the plan computed here between clone and exec.
 */
module dev.lit.linux {
    requires transitive dev.lit.core;
    requires static org.jspecify;
    requires java.net.http;
    requires tools.jackson.databind;
    requires aircompressor.v3;
    requires jdk.jfr;
    requires jdk.unsupported;

    exports dev.lit.linux;
    exports dev.lit.linux.ffm;
    exports dev.lit.linux.cgroup;
    exports dev.lit.linux.state;
    exports dev.lit.linux.image;
    exports dev.lit.linux.seccomp;
    exports dev.lit.linux.tty;
    exports dev.lit.linux.optimize;

    provides dev.lit.spi.ContainerRuntime with dev.lit.linux.LinuxRuntime;
}
