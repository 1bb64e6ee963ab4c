package dev.lit.linux.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tiny root filesystem made of busybox-static, for tests of {@code dir:} bases. */
public final class BusyboxRootfs {
    private static final List<String> APPLETS = List.of("sh", "cat", "echo", "ls", "mount", "sleep", "env", "pwd",
            "hostname", "id", "mkdir", "touch", "true", "false", "grep", "wc", "kill", "head", "dd", "rm", "stat", "readlink");

    private BusyboxRootfs() {
    }

    /** Builds the rootfs in {@code dir}, or skips the test when busybox-static is not installed. */
    public static Path create(Path dir) throws IOException {
        Path busybox = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(busybox != null, "needs busybox-static (apt-get install busybox-static)");
        for (String d : List.of("bin", "etc", "tmp", "proc", "dev", "sys", "root")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.copy(busybox, dir.resolve("bin/busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(dir.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(dir.resolve("etc/motd"), "base layer\n");
        return dir;
    }
}
