package dev.lit.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the examples need of the host: root, since they run containers as root. */
final class ExampleHost {
    private ExampleHost() {
    }

    static boolean isRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException e) {
            return false;
        }
    }
}
