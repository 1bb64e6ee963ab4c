package dev.lit;

import java.nio.file.Path;

/**
 * Files copied from the host into the container's writable layer before it starts.
 * A directory source is copied with its contents; the container may change the copy,
 * never the source.
 *
 * @param source an existing host file or directory
 * @param target an absolute path in the container
 */
public record Copy(Path source, String target) {
    /**
     * Checks that both paths are absolute.
     *
     * @throws InvalidSpecException if one is not
     */
    public Copy {
        ContainerPaths.requireAbsolute("filesystem.copy", target);
        if (!source.isAbsolute()) {
            throw new InvalidSpecException("filesystem.copy", "the source must be an absolute path: " + source);
        }
    }

    /**
     * Parses {@code SOURCE:TARGET}, resolving a relative source against {@code relativeTo}.
     *
     * @param text {@code SOURCE:TARGET}
     * @param relativeTo the directory a relative source resolves against
     * @return the copy
     * @throws InvalidSpecException if the text has no colon or the target is not absolute
     */
    public static Copy parse(String text, Path relativeTo) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidSpecException("filesystem.copy", "'" + text + "' is not SOURCE:TARGET, as in ./app:/app");
        }
        return new Copy(relativeTo.resolve(text.substring(0, colon)).normalize(), text.substring(colon + 1));
    }
}
