package dev.lit.linux.userns;

import dev.lit.LitException;
import dev.lit.linux.rootfs.RootfsLayout;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Gives a container's writable layer to its user namespace: the upper and work directories,
 * and the files copied into them, move from host ids to the ids the container's users have
 * on the host (container root is {@code map.hostUid(0)}). The base layers stay as they are.
 */
public final class IdShifter {
    private IdShifter() {
    }

    public static void shift(RootfsLayout layout, IdMap map) {
        shiftTree(layout.upper(), map);
        shiftOne(layout.work(), map);
    }

    private static void shiftTree(Path root, IdMap map) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    shiftOne(dir, map);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    shiftOne(file, map);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LitException("cannot hand " + root + " to the container's user namespace: " + e.getMessage(), e);
        }
    }

    private static void shiftOne(Path file, IdMap map) {
        try {
            int uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            long hostUid = map.hostUid(uid);
            long hostGid = map.hostGid(gid);
            if (hostUid >= 0) {
                Files.setAttribute(file, "unix:uid", (int) hostUid, LinkOption.NOFOLLOW_LINKS);
            }
            if (hostGid >= 0) {
                Files.setAttribute(file, "unix:gid", (int) hostGid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new LitException("cannot change the owner of " + file + ": " + e.getMessage(), e);
        }
    }
}
