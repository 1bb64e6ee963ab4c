package dev.lit.linux.image;

import dev.lit.linux.ffm.FileSyscalls;
import dev.lit.linux.ffm.SyscallException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Unpacks one layer's tar stream into an empty directory that becomes an overlay lower layer.
 * OCI whiteouts become overlay whiteouts: {@code .wh.NAME} a 0/0 character device named
 * NAME, {@code .wh..wh..opq} the {@code trusted.overlay.opaque=y} attribute on its directory
 * (and {@code user.overlay.opaque=y}, which overlay reads instead when mounted with
 * {@code userxattr} for a container in a user namespace).
 * Modes (set-ID bits included), owners, times, extended attributes, hard and symbolic links
 * and device nodes are kept.
 *
 * <p>Nothing is ever written outside the directory: an absolute name or a name with a
 * {@code ..} component is refused, and every parent of an entry is checked without following
 * links, so an entry through a symbolic link planted by an earlier entry is refused too.
 * Earlier layers are other directories, so their links cannot be passed through either.
 */
public final class LayerUnpacker {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);

    private final Path root;
    private final boolean privileged;
    private final List<TarEntry> directories = new ArrayList<>();
    private final List<Path> directoryPaths = new ArrayList<>();
    private final byte[] buffer = new byte[128 * 1024];
    /** Directories known to be real directories of this layer (created or checked here); cleared when anything is replaced. */
    private final Set<Path> knownDirectories = new HashSet<>();
    private long files;

    /**
     * An unpacker that writes the layer's files under {@code root}.
     *
     * @param root an existing, empty directory
     */
    public LayerUnpacker(Path root) {
        this.root = root;
        this.privileged = ProcessIds.isRoot();
    }

    /**
     * Unpacks the whole archive; returns the number of entries written.
     *
     * @param tar the uncompressed tar stream
     * @return the number of entries
     * @throws IOException if the stream cannot be read or a file cannot be written
     */
    public long unpack(InputStream tar) throws IOException {
        TarReader reader = new TarReader(tar);
        TarEntry entry;
        while ((entry = reader.next()) != null) {
            apply(entry, reader);
            files++;
        }
        // Directory times last: creating their children changed them.
        for (int i = directories.size() - 1; i >= 0; i--) {
            TarEntry d = directories.get(i);
            times(directoryPaths.get(i), d);
        }
        return files;
    }

    private void apply(TarEntry entry, TarReader reader) throws IOException {
        List<String> parts = components(entry.name());
        if (parts.isEmpty()) {
            if (entry.isDirectory()) {
                metadata(root, entry);
                directories.add(entry);
                directoryPaths.add(root);
            }
            return;
        }
        String base = parts.getLast();
        Path parent = parentOf(parts, entry.name());
        if (base.equals(OPAQUE)) {
            // trusted.* for overlays mounted by root, user.* for those mounted with userxattr in a user namespace
            if (privileged) {
                FileSyscalls.lsetxattr(parent, "trusted.overlay.opaque", YES);
            }
            FileSyscalls.lsetxattr(parent, "user.overlay.opaque", YES);
            return;
        }
        if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
            return; // AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not content
        }
        if (base.startsWith(WHITEOUT_PREFIX)) {
            String hidden = base.substring(WHITEOUT_PREFIX.length());
            checkName(hidden, entry.name());
            Path target = parent.resolve(hidden);
            removeExisting(target);
            FileSyscalls.mknod(target, FileSyscalls.S_IFCHR, 0, 0, 0);
            return;
        }
        Path target = parent.resolve(base);
        BasicFileAttributes existing = attributes(target);
        if (existing != null && !(entry.isDirectory() && existing.isDirectory())) {
            removeExisting(target);
        }
        switch (entry.type()) {
            case TarEntry.DIRECTORY -> {
                if (existing == null || !existing.isDirectory()) {
                    Files.createDirectory(target);
                }
                directories.add(entry);
                directoryPaths.add(target);
            }
            case TarEntry.SYMLINK -> {
                Files.createSymbolicLink(target, Path.of(entry.linkName()));
            }
            case TarEntry.HARD_LINK -> {
                Path source = resolveExisting(entry.linkName(), entry.name());
                BasicFileAttributes a = attributes(source);
                if (a == null) {
                    throw refused(entry.name(), "its hard link target " + entry.linkName() + " does not exist in this layer");
                }
                if (a.isDirectory()) {
                    throw refused(entry.name(), "a hard link to a directory");
                }
                Files.createLink(target, source);
                return; // the link shares its target's metadata
            }
            case TarEntry.CHAR_DEVICE, TarEntry.BLOCK_DEVICE, TarEntry.FIFO -> {
                int kind = entry.type() == TarEntry.CHAR_DEVICE ? FileSyscalls.S_IFCHR
                        : entry.type() == TarEntry.BLOCK_DEVICE ? FileSyscalls.S_IFBLK : FileSyscalls.S_IFIFO;
                FileSyscalls.mknod(target, kind, entry.mode(), entry.devMajor(), entry.devMinor());
            }
            default -> writeFile(target, reader.content());
        }
        metadata(target, entry);
        if (entry.type() != TarEntry.DIRECTORY) {
            times(target, entry);
        }
    }

    private void writeFile(Path target, InputStream content) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = content.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /**
     * Owner, mode and extended attributes. Path-based calls only: NIO's no-follow variants open
     * the file, which blocks on a FIFO and would open device nodes.
     */
    private void metadata(Path target, TarEntry entry) {
        boolean link = entry.type() == TarEntry.SYMLINK;
        if (privileged) {
            FileSyscalls.lchown(target, entry.uid(), entry.gid());
        }
        if (!link) {
            FileSyscalls.chmod(target, entry.mode()); // the target was created here and is no link
        }
        for (Map.Entry<String, byte[]> x : entry.xattrs().entrySet()) {
            try {
                FileSyscalls.lsetxattr(target, x.getKey(), x.getValue());
            } catch (SyscallException e) {
                if (privileged || !x.getKey().startsWith("security.")) {
                    throw e;
                }
            }
        }
    }

    private static void times(Path target, TarEntry entry) {
        FileSyscalls.lutimes(target, entry.mtimeSeconds(), entry.mtimeNanos(), entry.mtimeSeconds(), entry.mtimeNanos());
    }

    /** Splits an entry name into checked components; "./" prefixes and empty parts are dropped. */
    static List<String> components(String name) {
        if (name.startsWith("/")) {
            throw refused(name, "an absolute path");
        }
        List<String> out = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw refused(name, "a '..' component");
            }
            if (part.indexOf('\0') >= 0) {
                throw refused(name, "a NUL character");
            }
            out.add(part);
        }
        return out;
    }

    private static void checkName(String part, String entryName) {
        if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("/")) {
            throw refused(entryName, "an invalid whiteout");
        }
    }

    /**
     * The entry's parent directory, created (0755) where missing. Each component is looked at
     * without following links; a symbolic link or a non-directory on the way is refused.
     */
    private Path parentOf(List<String> parts, String entryName) throws IOException {
        Path at = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            at = at.resolve(parts.get(i));
            if (knownDirectories.contains(at)) {
                continue;
            }
            BasicFileAttributes a = attributes(at);
            if (a == null) {
                Files.createDirectory(at);
                FileSyscalls.chmod(at, 0755);
            } else if (a.isSymbolicLink()) {
                throw refused(entryName, "it passes through the symbolic link " + root.relativize(at)
                        + " -> " + Files.readSymbolicLink(at));
            } else if (!a.isDirectory()) {
                throw refused(entryName, "its parent " + root.relativize(at) + " is not a directory");
            }
            knownDirectories.add(at);
        }
        return at;
    }

    /** A hard link's target: inside this layer, reached without passing through links. */
    private Path resolveExisting(String linkName, String entryName) throws IOException {
        List<String> parts;
        try {
            parts = components(linkName);
        } catch (ImageException e) {
            throw refused(entryName, "its hard link target " + linkName + " is outside the layer");
        }
        if (parts.isEmpty()) {
            throw refused(entryName, "a hard link to the layer's root");
        }
        Path at = root;
        for (int i = 0; i < parts.size(); i++) {
            at = at.resolve(parts.get(i));
            BasicFileAttributes a = attributes(at);
            if (a == null) {
                return at;
            }
            if (i < parts.size() - 1 && !a.isDirectory()) {
                throw refused(entryName, "its hard link target passes through " + root.relativize(at) + ", which is not a directory");
            }
        }
        return at;
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void removeExisting(Path target) throws IOException {
        BasicFileAttributes a = attributes(target);
        if (a == null) {
            return;
        }
        knownDirectories.clear();
        if (a.isDirectory()) {
            Trees.delete(target);
        } else {
            try {
                Files.delete(target);
            } catch (FileAlreadyExistsException | NoSuchFileException e) {
                // gone already
            }
        }
    }

    static ImageException refused(String entryName, String why) {
        return new UnsafeEntryException("refused tar entry '" + entryName + "': " + why + "; nothing was written outside the layer");
    }

    /** A tar entry that would land outside its layer. */
    public static final class UnsafeEntryException extends ImageException {
        @java.io.Serial private static final long serialVersionUID = 1L;

        UnsafeEntryException(String message) {
            super(message);
        }
    }
}
