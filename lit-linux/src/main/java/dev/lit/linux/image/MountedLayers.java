package dev.lit.linux.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which layer directories are in use as overlay lower layers, in any mount namespace: reads
 * each distinct namespace's {@code /proc/PID/mountinfo} once.
 */
final class MountedLayers {
    private MountedLayers() {
    }

    static Set<String> find(Path layersDir) {
        Set<String> used = new HashSet<>();
        Set<String> namespaces = new HashSet<>();
        Pattern id = Pattern.compile(Pattern.quote(layersDir.toString() + "/") + "([0-9a-f]{16})");
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String ns = Files.readSymbolicLink(p.resolve("ns/mnt")).toString();
                    if (!namespaces.add(ns)) {
                        continue;
                    }
                    for (String line : Files.readAllLines(p.resolve("mountinfo"))) {
                        if (line.contains(" overlay ")) {
                            Matcher m = id.matcher(line);
                            while (m.find()) {
                                used.add(m.group(1));
                            }
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // the process ended, or is not ours to read
                }
            }
        } catch (IOException e) {
            // no /proc: nothing known to be mounted
        }
        return used;
    }
}
