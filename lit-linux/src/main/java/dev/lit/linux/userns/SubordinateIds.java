package dev.lit.linux.userns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A user's ranges in /etc/subuid or /etc/subgid ("name:start:count" or "uid:start:count"). */
final class SubordinateIds {
    private SubordinateIds() {
    }

    static List<long[]> ranges(Path file, String user, long uid) {
        List<long[]> ranges = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split(":");
                if (f.length == 3 && (f[0].equals(user) || f[0].equals(Long.toString(uid)))) {
                    ranges.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
        return ranges;
    }
}
