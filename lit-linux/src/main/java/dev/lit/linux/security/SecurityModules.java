package dev.lit.linux.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The Linux security modules this kernel runs, from /sys/kernel/security/lsm. */
public record SecurityModules(Set<String> active) {

    public static SecurityModules detect() {
        try {
            return new SecurityModules(Set.of(Files.readString(Path.of("/sys/kernel/security/lsm")).strip().split(",")));
        } catch (IOException e) {
            return new SecurityModules(Set.of());
        }
    }

    public boolean has(String module) {
        return active.contains(module);
    }

    public String describe() {
        return active.isEmpty() ? "none (/sys/kernel/security/lsm is absent or empty)" : String.join(", ", active);
    }
}
