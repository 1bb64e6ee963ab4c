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

    /** A directory holding a root filesystem, such as an unpacked image or a debootstrap tree. */
    record Directory(Path path) implements Base {
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

    /** An OCI image reference such as {@code ubuntu:22.04}. */
    record Image(String reference) implements Base {
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

    static Base host() {
        return new Host();
    }

    static Base directory(Path path) {
        return new Directory(path.toAbsolutePath().normalize());
    }

    static Base image(String reference) {
        return new Image(reference);
    }

    /**
     * Reads the forms lit.yml and the CLI use: {@code host}, {@code dir:/path}, or an image reference.
     * A relative {@code dir:} path resolves against {@code relativeTo}.
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
