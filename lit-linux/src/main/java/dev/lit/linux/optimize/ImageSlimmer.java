package dev.lit.linux.optimize;

import dev.lit.linux.ffm.FileSyscalls;
import dev.lit.plugin.SlimmingRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The tree half of {@code shrink_image}: squashes an image's unpacked layers into one directory
 * (overlay semantics: whiteouts delete, opaque directories replace what lies below), drops
 * package-manager {@link Leftovers}, and turns identical regular files into hard links. The result
 * is built in a temporary sibling and renamed onto the target only when complete, so an
 * interrupted or killed job leaves no half tree at the target; interrupting the calling thread
 * cancels it. {@link SlimJob} runs it in the background and writes the tree as a zstd layer;
 * {@link SlimImages} makes later starts use it.
 */
public final class ImageSlimmer {
    private static final byte[] YES = {'y'};
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /**
     * What a slimming did.
     *
     * @param bytesBefore   regular-file bytes in all layers together
     * @param bytesAfter    regular-file bytes in the slim tree, each hard-linked file counted once
     * @param leftovers     paths the slimming rules removed
     * @param leftoverBytes bytes those paths held
     * @param deduplicated  files that became hard links to an identical file
     * @param dedupBytes    bytes saved by those links
     */
    public record Report(long bytesBefore, long bytesAfter, int leftovers, long leftoverBytes, int deduplicated, long dedupBytes) {
    }

    private final Leftovers leftovers;

    /**
     * A slimmer that drops what these rules match.
     *
     * @param rules the plugins' slimming rules
     */
    public ImageSlimmer(List<SlimmingRule> rules) {
        this.leftovers = new Leftovers(rules);
    }

    /**
     * Builds the slim tree of {@code layersTopFirst} (overlay's lowerdir order) at {@code target},
     * which must not exist yet.
     *
     * @throws CancellationException if the thread was interrupted; nothing is left at the target
     * @param layersTopFirst the image's layer directories, top first
     * @param target the slim tree's directory, not yet existing
     * @return bytes before and after, leftovers dropped and files deduplicated
     * @throws IOException if a layer cannot be read or the tree cannot be written; nothing is left at the
     *     target
     */
    public Report slim(List<Path> layersTopFirst, Path target) throws IOException {
        if (Files.exists(target, NOFOLLOW)) {
            throw new IOException(target + " exists already");
        }
        Path temp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + Long.toHexString(System.nanoTime()));
        try {
            Files.createDirectory(temp);
            long before = 0;
            for (Path layer : layersTopFirst.reversed()) {
                before += bytes(layer);
                apply(layer, temp);
            }
            List<Leftovers.Match> dropped = leftovers.remove(temp);
            long[] dedup = dedup(temp);
            long after = bytes(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Report(before, after, dropped.size(), dropped.stream().mapToLong(Leftovers.Match::bytes).sum(), (int) dedup[0], dedup[1]);
        } finally {
            if (Files.exists(temp, NOFOLLOW)) {
                deleteTree(temp);
            }
        }
    }

    /** Lays one layer over the tree built so far. */
    private static void apply(Path layer, Path out) throws IOException {
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                checkCancelled();
                Path o = out.resolve(layer.relativize(dir).toString());
                if (dir.equals(layer)) {
                    return FileVisitResult.CONTINUE;
                }
                if (Files.exists(o, NOFOLLOW) && !Files.isDirectory(o, NOFOLLOW)) {
                    Files.delete(o);
                }
                if (Files.isDirectory(o, NOFOLLOW) && isOpaque(dir)) {
                    deleteTree(o);
                }
                if (!Files.exists(o, NOFOLLOW)) {
                    Files.copy(dir, o, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                checkCancelled();
                Path o = out.resolve(layer.relativize(file).toString());
                if (Files.exists(o, NOFOLLOW)) {
                    if (Files.isDirectory(o, NOFOLLOW)) {
                        deleteTree(o);
                    } else {
                        Files.delete(o);
                    }
                }
                if (attrs.isOther()) {
                    int mode = (Integer) Files.getAttribute(file, "unix:mode", NOFOLLOW);
                    long rdev = (Long) Files.getAttribute(file, "unix:rdev", NOFOLLOW);
                    int type = mode & 0170000;
                    if (type == FileSyscalls.S_IFCHR && rdev == 0) {
                        return FileVisitResult.CONTINUE; // a whiteout: the path stays deleted
                    }
                    FileSyscalls.mknod(o, type, mode & 07777, major(rdev), minor(rdev));
                    FileSyscalls.lchown(o, (Integer) Files.getAttribute(file, "unix:uid", NOFOLLOW),
                            (Integer) Files.getAttribute(file, "unix:gid", NOFOLLOW));
                } else {
                    Files.copy(file, o, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isOpaque(Path dir) {
        for (String name : List.of("trusted.overlay.opaque", "user.overlay.opaque")) {
            byte[] v = FileSyscalls.lgetxattr(dir, name);
            if (v != null && java.util.Arrays.equals(v, YES)) {
                return true;
            }
        }
        return false;
    }

    /** Hard-links regular files with the same content, owner and mode; returns {files linked, bytes saved}. */
    private static long[] dedup(Path root) throws IOException {
        Map<String, Path> first = new HashMap<>();
        long[] saved = {0, 0};
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() > 0) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path f : files) {
            checkCancelled();
            Map<String, Object> a = Files.readAttributes(f, "unix:size,mode,uid,gid,nlink", NOFOLLOW);
            if ((Integer) a.get("nlink") > 1) {
                continue; // already linked: keep the image's own grouping
            }
            String key = a.get("size") + ":" + a.get("mode") + ":" + a.get("uid") + ":" + a.get("gid") + ":" + sha256(f);
            Path original = first.putIfAbsent(key, f);
            if (original != null) {
                Path temp = f.resolveSibling(".lit-dedup-" + f.getFileName());
                Files.createLink(temp, original);
                Files.move(temp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                saved[0]++;
                saved[1] += (Long) a.get("size");
            }
        }
        return saved;
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Regular-file bytes under {@code root}, a file with several links counted once. */
    static long bytes(Path root) throws IOException {
        long[] total = {0};
        java.util.Set<Object> seen = new java.util.HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && seen.add(attrs.fileKey())) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("image slimming cancelled");
        }
    }

    private static long major(long rdev) {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    private static long minor(long rdev) {
        return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    }
}
