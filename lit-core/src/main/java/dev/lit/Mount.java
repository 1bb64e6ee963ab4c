package dev.lit;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A filesystem mounted into the container on top of its root. */
public sealed interface Mount {

    /**
     * The container path the mount covers.
     *
     * @return an absolute path in the container
     */
    String target();

    /**
     * A host file or directory made visible in the container.
     *
     * @param source an absolute host path
     * @param target an absolute path in the container
     * @param readOnly whether the container may only read it
     */
    record Bind(Path source, String target, boolean readOnly) implements Mount {
        /**
         * Checks that both paths are absolute.
         *
         * @throws InvalidSpecException if one is not
         */
        public Bind {
            ContainerPaths.requireAbsolute("mounts", target);
            if (!source.isAbsolute()) {
                throw new InvalidSpecException("mounts", "a bind source must be an absolute path: " + source);
            }
        }
    }

    /**
     * A memory-backed directory, empty at start, gone at exit.
     *
     * @param target an absolute path in the container
     * @param size the most it may hold; null for the kernel's default (half the RAM)
     */
    record Tmpfs(String target, @Nullable ByteSize size) implements Mount {
        /**
         * Checks that the target is absolute.
         *
         * @throws InvalidSpecException if it is not
         */
        public Tmpfs {
            ContainerPaths.requireAbsolute("mounts", target);
        }
    }

    /**
     * A named volume kept by Lit ({@link Volumes}), created empty on first use, kept after the container.
     *
     * @param name      the volume's name
     * @param target    where the container sees it
     * @param readOnly  whether the container may only read it
     */
    record Volume(String name, String target, boolean readOnly) implements Mount {
        /** Checks the target and the name. */
        public Volume {
            ContainerPaths.requireAbsolute("mounts", target);
            dev.lit.Volume.requireValidName(name);
        }
    }

    /**
     * A named volume, read-write.
     *
     * @param name   the volume's name
     * @param target where the container sees it
     * @return the mount
     */
    static Mount volume(String name, String target) {
        return new Volume(name, target, false);
    }

    /**
     * A named volume the container may only read.
     *
     * @param name   the volume's name
     * @param target where the container sees it
     * @return the mount
     */
    static Mount volumeReadOnly(String name, String target) {
        return new Volume(name, target, true);
    }

    /**
     * A writable bind mount.
     *
     * @param source the host path; a relative one resolves against the working directory
     * @param target an absolute path in the container
     * @return the mount
     */
    static Mount bind(Path source, String target) {
        return new Bind(source.toAbsolutePath().normalize(), target, false);
    }

    /**
     * A read-only bind mount.
     *
     * @param source the host path; a relative one resolves against the working directory
     * @param target an absolute path in the container
     * @return the mount
     */
    static Mount bindReadOnly(Path source, String target) {
        return new Bind(source.toAbsolutePath().normalize(), target, true);
    }

    /**
     * A tmpfs of the kernel's default size.
     *
     * @param target an absolute path in the container
     * @return the mount
     */
    static Mount tmpfs(String target) {
        return new Tmpfs(target, null);
    }
}
