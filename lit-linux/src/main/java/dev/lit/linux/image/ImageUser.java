package dev.lit.linux.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns an image config's {@code User} ({@code name}, {@code uid}, {@code name:group},
 * {@code uid:gid}) into numeric {@code uid[:gid]}, reading {@code /etc/passwd} and
 * {@code /etc/group} from the image's layers (the topmost layer holding the file wins).
 */
final class ImageUser {
    private ImageUser() {
    }

    static String resolve(String user, List<Path> layersTopFirst) {
        int colon = user.indexOf(':');
        String u = colon < 0 ? user : user.substring(0, colon);
        String g = colon < 0 ? null : user.substring(colon + 1);
        String uid;
        String gid = null;
        if (u.matches("\\d+")) {
            uid = u;
            String[] entry = find(layersTopFirst, "etc/passwd", u, 2);
            if (entry != null && entry.length > 3) {
                gid = entry[3];
            }
        } else {
            String[] entry = find(layersTopFirst, "etc/passwd", u, 0);
            if (entry == null || entry.length < 4) {
                throw new ImageException("the image's user '" + u + "' is not in its /etc/passwd");
            }
            uid = entry[2];
            gid = entry[3];
        }
        if (g != null && !g.isEmpty()) {
            if (g.matches("\\d+")) {
                gid = g;
            } else {
                String[] entry = find(layersTopFirst, "etc/group", g, 0);
                if (entry == null || entry.length < 3) {
                    throw new ImageException("the image's group '" + g + "' is not in its /etc/group");
                }
                gid = entry[2];
            }
        }
        return gid == null ? uid : uid + ":" + gid;
    }

    /** The colon-separated entry whose field {@code field} equals {@code key}, or null. */
    private static String @Nullable [] find(List<Path> layers, String file, String key, int field) {
        for (Path layer : layers) {
            Path p = layer.resolve(file);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    for (String line : Files.readAllLines(p)) {
                        String[] parts = line.split(":", -1);
                        if (parts.length > field && parts[field].equals(key)) {
                            return parts;
                        }
                    }
                } catch (IOException e) {
                    throw new ImageException("cannot read " + p + ": " + e.getMessage(), e);
                }
                return null;
            }
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return null; // a whiteout or something else: no file
            }
        }
        return null;
    }
}
