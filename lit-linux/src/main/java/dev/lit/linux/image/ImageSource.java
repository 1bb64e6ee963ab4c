package dev.lit.linux.image;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where an image comes from: a registry reference, an OCI image layout (directory or tar,
 * {@code oci:PATH[:TAG]}) or a {@code docker save} tarball ({@code docker-archive:PATH[:REF]}).
 */
public sealed interface ImageSource {
    /** The key the image is recorded under in the store's tag index. */
    String key();

    record Registry(ImageReference reference) implements ImageSource {
        @Override
        public String key() {
            return reference.toString();
        }
    }

    record OciLayout(Path path, @Nullable String tag) implements ImageSource {
        @Override
        public String key() {
            return "oci:" + path + (tag == null ? "" : ":" + tag);
        }
    }

    record DockerArchive(Path path, @Nullable String reference) implements ImageSource {
        @Override
        public String key() {
            return "docker-archive:" + path + (reference == null ? "" : ":" + reference);
        }
    }

    /** Parses a base as lit.yml and the API give it. Relative paths resolve against the working directory. */
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
