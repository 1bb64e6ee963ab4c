package dev.lit.linux.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's effective uid, read from {@code /proc/self/status}: pulling should not pay
 * for linking all of libc through FFM just to learn whether it runs as root.
 */
final class ProcessIds {
    private static final int EUID = read();

    private ProcessIds() {
    }

    static int euid() {
        return EUID;
    }

    static boolean isRoot() {
        return EUID == 0;
    }

    private static int read() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: no /proc
        }
        return dev.lit.linux.ffm.Libc.geteuid();
    }
}
