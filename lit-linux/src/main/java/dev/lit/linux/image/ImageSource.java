package dev.lit.linux.image;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where an image comes from: a registry reference, an OCI image layout (directory or tar,
 * {@code oci:PATH[:TAG]}) or a {@code docker save} tarball ({@code docker-archive:PATH[:REF]}).
 */
public sealed interface ImageSource {
    /**
     * The key the image is recorded under in the store's tag index.
     *
     * @return the key
     */
    String key();

    /**
     * An image in a registry.
     *
     * @param reference the image's reference
     */
    record Registry(ImageReference reference) implements ImageSource {
        @Override
        public String key() {
            return reference.toString();
        }
    }

    /**
     * An OCI image layout, a directory or a tar of one.
     *
     * @param path the layout, absolute
     * @param tag the {@code org.opencontainers.image.ref.name} to pick; null when the layout holds one image
     */
    record OciLayout(Path path, @Nullable String tag) implements ImageSource {
        @Override
        public String key() {
            return "oci:" + path + (tag == null ? "" : ":" + tag);
        }
    }

    /**
     * A {@code docker save} tarball.
     *
     * @param path the tarball, absolute
     * @param reference the image to pick; null when the tarball holds one
     */
    record DockerArchive(Path path, @Nullable String reference) implements ImageSource {
        @Override
        public String key() {
            return "docker-archive:" + path + (reference == null ? "" : ":" + reference);
        }
    }

    /**
     * Parses a base as lit.yml and the API give it. Relative paths resolve against the working directory.
     *
     * @param text {@code oci:PATH[:TAG]}, {@code docker-archive:PATH[:REF]} or a registry reference
     * @return the source
     * @throws ImageException if a reference is malformed
     */
    static ImageSource parse(String text) {
        String t = text.strip();
        if (t.startsWith("oci:")) {
            String[] pathAndTag = splitSuffix(t.substring(4));
            return new OciLayout(Path.of(pathAndTag[0]).toAbsolutePath().normalize(), pathAndTag[1]);
        }
        if (t.startsWith("oci-archive:")) {
            String[] pathAndTag = splitSuffix(t.substring(12));
            return new OciLayout(Path.of(pathAndTag[0]).toAbsolutePath().normalize(), pathAndTag[1]);
        }
        if (t.startsWith("docker-archive:")) {
            String rest = t.substring(15);
            // as skopeo: the path ends at the first ':' (unless the whole text names an existing file)
            int colon = java.nio.file.Files.exists(Path.of(rest)) ? -1 : rest.indexOf(':');
            String path = colon < 0 ? rest : rest.substring(0, colon);
            String ref = colon < 0 ? null : rest.substring(colon + 1);
            return new DockerArchive(Path.of(path).toAbsolutePath().normalize(), ref == null || ref.isEmpty() ? null : ref);
        }
        return new Registry(ImageReference.parse(t));
    }

    /** Splits {@code PATH[:TAG]}: a ':' after the last '/' starts the tag. */
    private static String[] splitSuffix(String s) {
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/') && colon >= 0) {
            String tag = s.substring(colon + 1);
            return new String[] {s.substring(0, colon), tag.isEmpty() ? null : tag};
        }
        return new String[] {s, null};
    }
}
