package dev.lit.config;

import java.util.List;
import java.util.Map;

/** The keys lit.yml knows at each level, and where keys people often put elsewhere belong. */
final class Schema {
    static final List<String> TOP = List.of(
            "name", "entrypoint", "command", "filesystem", "env", "hostname", "resources", "network", "init", "mounts", "optimize", "security");
    /** The top level of a file with {@code services:}. */
    static final List<String> APPLICATION = List.of("name", "services", "networks");
    /** What a service has beyond the single-container keys. */
    static final List<String> SERVICE_ONLY = List.of("depends_on", "networks", "ready", "healthcheck", "stop_timeout", "stop_grace_period");
    static final List<String> READY = List.of("port", "log", "command", "test", "interval", "timeout", "retries");
    static final List<String> READY_CHECKS = List.of("port", "log", "command", "test");
    static final List<String> APP_NETWORK = List.of("subnet", "gateway", "mtu", "internal");
    static final List<String> FILESYSTEM = List.of("base", "copy", "workdir");
    static final List<String> RESOURCES = List.of("cpu", "memory", "pids", "memory_high", "cpu_weight");
    static final List<String> NETWORK = List.of("mode", "networks", "expose");
    static final List<String> SECURITY = List.of(
            "cap_add", "cap_drop", "no_new_privileges", "seccomp", "userns", "user", "apparmor", "selinux_label");
    static final List<String> OPTIMIZE = List.of("auto_memory_tune", "shrink_image");
    static final List<String> SHRINK_IMAGE = List.of("level", "check");
    static final List<String> MEMORY_TUNING = List.of("interval", "pressure_target", "lower_step", "raise_step", "floor", "ceiling");
    static final List<String> BIND_MOUNT = List.of("type", "source", "target", "read_only");
    static final List<String> VOLUME_MOUNT = List.of("type", "source", "target", "read_only");
    static final List<String> TMPFS_MOUNT = List.of("type", "target", "size");
    static final List<String> MOUNT = List.of("type", "source", "target", "read_only", "size");

    /** Top-level keys that are not lit.yml's, mapped to the key meant (Docker Compose names, nested keys). */
    static final Map<String, String> TOP_LEVEL_HINTS = Map.ofEntries(
            Map.entry("base", "filesystem.base"),
            Map.entry("image", "filesystem.base"),
            Map.entry("copy", "filesystem.copy"),
            Map.entry("workdir", "filesystem.workdir"),
            Map.entry("working_dir", "filesystem.workdir"),
            Map.entry("cpu", "resources.cpu"),
            Map.entry("cpus", "resources.cpu"),
            Map.entry("memory", "resources.memory"),
            Map.entry("mem_limit", "resources.memory"),
            Map.entry("pids", "resources.pids"),
            Map.entry("pids_limit", "resources.pids"),
            Map.entry("environment", "env"),
            Map.entry("cmd", "command"),
            Map.entry("volumes", "mounts"),
            Map.entry("ports", "network.expose"),
            Map.entry("expose", "network.expose"),
            Map.entry("network_mode", "network.mode"),
            Map.entry("cap_add", "security.cap_add"),
            Map.entry("cap_drop", "security.cap_drop"),
            Map.entry("user", "security.user"),
            Map.entry("security_opt", "security"));

    /** Keys of a service that Docker Compose spells differently. */
    static final Map<String, String> SERVICE_HINTS = Map.ofEntries(
            Map.entry("dependson", "depends_on"),
            Map.entry("depends", "depends_on"),
            Map.entry("health_check", "healthcheck"),
            Map.entry("readiness", "ready"),
            Map.entry("image", "filesystem.base"),
            Map.entry("environment", "env"),
            Map.entry("ports", "network.expose"),
            Map.entry("volumes", "mounts"),
            Map.entry("working_dir", "filesystem.workdir"),
            Map.entry("cmd", "command"));

    private Schema() {
    }
}
