package dev.lit.linux.state;

import dev.lit.LitException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Properties;

/**
 * One container's directory under the state root: its {@code state} file, written first so
 * the cleanup pass can always tell who owns it, and its writable layer.
 */
public record ContainerDirectory(String id, Path path) {

    public Path stateFile() {
        return path.resolve("state");
    }

    /** Writes the state atomically: a reader sees the old file or the new one, never half of one. */
    public void save(ContainerState state) {
        Path tmp = path.resolve("state.tmp");
        try (var out = Files.newOutputStream(tmp)) {
            state.toProperties().store(out, "lit container state");
            Files.move(tmp, stateFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LitException("cannot write " + stateFile() + ": " + e.getMessage(), e);
        }
    }

    public Optional<ContainerState> load() {
        Properties p = new Properties();
        try (var in = Files.newInputStream(stateFile())) {
            p.load(in);
            return Optional.of(ContainerState.fromProperties(p));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes the directory and all in it, never following symbolic links out of it. */
    public void delete() {
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }
            });
        } catch (NoSuchFileException e) {
            // removed already
        } catch (IOException e) {
            throw new LitException("cannot remove container directory " + path + ": " + e.getMessage(), e);
        }
    }
}
