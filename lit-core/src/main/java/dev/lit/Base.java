package dev.lit;

import java.nio.file.Path;

/**
 * What a container's root filesystem starts from. The container writes into its own
 * layer on top; the base itself is never changed.
 */
public sealed interface Base {

    /** The host's own root, read-only, with a writable layer on top: host binaries without an image. */
    record Host() implements Base {
        @Override
        public String toString() {
            return "host";
        }
    }

    /**
     * A directory holding a root filesystem, such as an unpacked image or a debootstrap tree.
     *
     * @param path the directory, absolute
     */
    record Directory(Path path) implements Base {
        /**
         * Checks that the path is absolute.
         *
         * @throws InvalidSpecException if it is not
         */
        public Directory {
            if (!path.isAbsolute()) {
                throw new InvalidSpecException("filesystem.base", "a directory base needs an absolute path: " + path);
            }
        }

        @Override
        public String toString() {
            return "dir:" + path;
        }
    }

    /**
     * An OCI image reference such as {@code ubuntu:22.04}.
     *
     * @param reference the reference, as {@code docker pull} takes it
     */
    record Image(String reference) implements Base {
        /**
         * Checks that the reference is not blank.
         *
         * @throws InvalidSpecException if it is
         */
        public Image {
            if (reference.isBlank()) {
                throw new InvalidSpecException("filesystem.base", "an image reference cannot be blank");
            }
        }

        @Override
        public String toString() {
            return reference;
        }
    }

    /**
     * The host's own root, read-only, with the container's writable layer over it.
     *
     * @return the base
     */
    static Base host() {
        return new Host();
    }

    /**
     * A directory holding a root filesystem.
     *
     * @param path the directory; a relative one resolves against the working directory
     * @return the base
     */
    static Base directory(Path path) {
        return new Directory(path.toAbsolutePath().normalize());
    }

    /**
     * An OCI image, pulled on first use.
     *
     * @param reference the image reference
     * @return the base
     */
    static Base image(String reference) {
        return new Image(reference);
    }

    /**
     * Reads the forms lit.yml and the CLI use: {@code host}, {@code dir:/path}, or an image reference.
     * A relative {@code dir:} path resolves against {@code relativeTo}.
     *
     * @param text the text
     * @param relativeTo the directory a relative {@code dir:} path resolves against
     * @return the base
     * @throws InvalidSpecException if {@code dir:} has no path
     */
    static Base parse(String text, Path relativeTo) {
        String t = text.strip();
        if (t.equals("host")) {
            return host();
        }
        if (t.startsWith("dir:")) {
            String path = t.substring(4);
            if (path.isEmpty()) {
                throw new InvalidSpecException("filesystem.base", "dir: needs a path, as in dir:/srv/rootfs");
            }
            return directory(relativeTo.resolve(path));
        }
        return image(t);
    }
}
