package dev.lit.linux.state;

import dev.lit.LitException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * One container's directory under the state root: its {@code state} file, written first so
 * the cleanup pass can always tell who owns it, and its writable layer.
 *
 * @param id the container's id, also the directory's name
 * @param path the directory
 */
public record ContainerDirectory(String id, Path path) {

    /**
     * The state file's path.
     *
     * @return {@code path/state}
     */
    public Path stateFile() {
        return path.resolve("state");
    }

    /**
     * Writes the state atomically: a reader sees the old file or the new one, never half of one.
     * (Not {@link Properties#store}: its date comment alone costs a cold JVM tens of milliseconds.)
     *
     * @param state the state to write
     * @throws dev.lit.LitException if it cannot be written
     */
    public void save(ContainerState state) {
        StringBuilder text = new StringBuilder();
        state.toProperties().forEach((k, v) -> text.append(k).append('=').append(escape(v.toString())).append('\n'));
        Path tmp = path.resolve("state.tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, stateFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LitException("cannot write " + stateFile() + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /**
     * Reads the state file.
     *
     * @return the state, or empty when the file is missing or unreadable
     */
    public Optional<ContainerState> load() {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(stateFile())) {
            p.load(in);
            return Optional.of(ContainerState.fromProperties(p));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the directory and all in it, never following symbolic links out of it. A directory
     * its owner cannot read (overlayfs leaves {@code work/work} at mode 000 in a user namespace)
     * is given back owner permissions first.
     */
    public void delete() {
        try {
            deleteTree(path);
        } catch (IOException e) {
            throw new LitException("cannot remove container directory " + path + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attrs.isDirectory()) {
            if (!Files.isReadable(p) || !Files.isExecutable(p)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                for (Path child : children) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
