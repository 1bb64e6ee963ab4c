package dev.lit.linux.rootfs;

import dev.lit.Copy;
import dev.lit.InvalidSpecException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Copies host files into a container's upper layer before it starts, so they appear in the
 * merged root above the base. Directories that exist in the base are recreated in the upper
 * layer with the base's mode and owner, since overlayfs shows the upper copy's attributes.
 */
public final class Copier {
    private final Path base;
    private final Path upper;

    /**
     * @param base  the lowest layer, where missing parents take their attributes from
     * @param upper the container's writable layer
     */
    public Copier(Path base, Path upper) {
        this.base = base;
        this.upper = upper;
    }

    public void copy(Copy copy) {
        Path source = copy.source();
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidSpecException("filesystem.copy", "the source " + source + " does not exist");
        }
        String relative = copy.target().replaceFirst("^/+", "");
        boolean intoDirectory = copy.target().endsWith("/") && !Files.isDirectory(source);
        Path target = relative.isEmpty() ? upper : upper.resolve(relative);
        if (intoDirectory) {
            target = target.resolve(source.getFileName().toString());
        }
        try {
            makeParents(target);
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                copyTree(source, target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new InvalidSpecException("filesystem.copy", "cannot copy " + source + " to " + copy.target() + ": " + e);
        }
    }

    private void makeParents(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent == null || !parent.startsWith(upper) || Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        makeParents(parent);
        Files.createDirectory(parent);
        mirrorAttributes(base.resolve(upper.relativize(parent).toString()), parent);
    }

    private void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(to);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                mirrorAttributes(dir, target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void mirrorAttributes(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(a.permissions());
        try {
            view.setOwner(a.owner());
            view.setGroup(a.group());
        } catch (IOException notPermitted) {
            // without CAP_CHOWN the copy keeps our own ids
        }
        view.setTimes(a.lastModifiedTime(), a.lastAccessTime(), null);
    }
}
