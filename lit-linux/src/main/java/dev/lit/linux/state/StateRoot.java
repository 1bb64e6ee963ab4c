package dev.lit.linux.state;

import dev.lit.LitException;
import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where Lit keeps per-container state: {@code /run/lit} for root, the XDG runtime
 * directory otherwise, or {@code LIT_STATE_DIR}. Each container gets
 * {@code containers/<id>/} holding its state file and writable layer.
 *
 * @param path the state directory
 */
public record StateRoot(Path path) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The state root for this process: {@code LIT_STATE_DIR}, else {@code /run/lit} for root, else
     * {@code $XDG_RUNTIME_DIR/lit}, else {@code lit-UID} in the temporary directory.
     *
     * @return the root
     */
    public static StateRoot forThisProcess() {
        String configured = System.getenv("LIT_STATE_DIR");
        if (configured != null && !configured.isBlank()) {
            return new StateRoot(Path.of(configured).toAbsolutePath());
        }
        if (Libc.geteuid() == 0) {
            return new StateRoot(Path.of("/run/lit"));
        }
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            return new StateRoot(Path.of(runtimeDir, "lit"));
        }
        return new StateRoot(Path.of(System.getProperty("java.io.tmpdir"), "lit-" + Libc.geteuid()));
    }

    /**
     * The directory holding one directory per container.
     *
     * @return {@code path/containers}
     */
    public Path containers() {
        return path.resolve("containers");
    }

    /**
     * Creates a fresh container directory with a new random id.
     *
     * @return the new directory
     * @throws dev.lit.LitException if it cannot be created
     */
    public ContainerDirectory newContainer() {
        try {
            Files.createDirectories(containers());
            for (;;) {
                byte[] bytes = new byte[6];
                RANDOM.nextBytes(bytes);
                String id = HexFormat.of().formatHex(bytes);
                Path dir = containers().resolve(id);
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
                    return new ContainerDirectory(id, dir);
                } catch (FileAlreadyExistsException e) {
                    // another container has this id: draw again
                }
            }
        } catch (IOException e) {
            throw new LitException("cannot create a container directory under " + containers() + ": " + e.getMessage(), e);
        }
    }
}
