package dev.lit.linux.userns;

import dev.lit.LitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes a child's user namespace maps while the helper holds it back (between "pid" and "go"). */
public final class MapWriter {
    private MapWriter() {
    }

    /** As root: write /proc/PID/uid_map and gid_map directly. As a user: see {@link RootlessMapping}. */
    public static void write(int pid, IdMap map, boolean privileged) {
        if (!privileged) {
            RootlessMapping.write(pid, map);
            return;
        }
        writeFile(pid, "uid_map", IdMap.text(map.uids()));
        writeFile(pid, "gid_map", IdMap.text(map.gids()));
    }

    static void writeFile(int pid, String name, String content) {
        Path file = Path.of("/proc", Integer.toString(pid), name);
        try {
            Files.writeString(file, content, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LitException("cannot write " + file + " ('" + content.strip().replace('\n', ';') + "'): " + e.getMessage(), e);
        }
    }
}
