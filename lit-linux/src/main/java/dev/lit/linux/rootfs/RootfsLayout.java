package dev.lit.linux.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directories of one container's root filesystem inside its state directory: the
 * overlay's writable {@code upper} layer and {@code work} directory, and the {@code rootfs}
 * mount point. The overlay itself is mounted only inside the container's mount namespace,
 * so it disappears with the container and never shows on the host.
 */
public record RootfsLayout(Path upper, Path work, Path rootfs) {

    public static RootfsLayout createIn(Path stateDirectory) {
        RootfsLayout layout = new RootfsLayout(stateDirectory.resolve("upper"), stateDirectory.resolve("work"), stateDirectory.resolve("rootfs"));
        try {
            Files.createDirectory(layout.upper);
            Files.createDirectory(layout.work);
            Files.createDirectory(layout.rootfs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the layer directories in " + stateDirectory, e);
        }
        return layout;
    }
}
