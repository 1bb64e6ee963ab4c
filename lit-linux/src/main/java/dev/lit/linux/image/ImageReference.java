package dev.lit.linux.image;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An image reference resolved as Docker resolves it: {@code alpine} is
 * {@code docker.io/library/alpine:latest}; a first component with a '.' or ':' or equal to
 * {@code localhost} names the registry ({@code host:5000/r}); {@code @sha256:...} pins a digest.
 *
 * @param registry   the registry's host[:port], {@code docker.io} for Docker Hub
 * @param repository the repository path, such as {@code library/alpine}
 * @param tag        the tag; null when only a digest is given
 * @param digest     the pinned manifest digest, or null
 */
public record ImageReference(String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
    /** Docker Hub's registry name, the registry of a reference that names none. */
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");

    /** Defaults the tag to {@code latest} when there is neither tag nor digest. */
    public ImageReference {
        if (tag == null && digest == null) {
            tag = "latest";
        }
    }

    /**
     * Parses a reference; throws {@link ImageException} explaining what is wrong.
     *
     * @param text a reference such as {@code alpine}, {@code ghcr.io/o/r:tag} or {@code r@sha256:...}
     * @return the reference
     */
    public static ImageReference parse(String text) {
        String t = text.strip();
        if (t.startsWith("docker://")) {
            t = t.substring("docker://".length());
        }
        if (t.isEmpty()) {
            throw new ImageException("an image reference cannot be empty");
        }
        Digest digest = null;
        int at = t.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(t.substring(at + 1));
            t = t.substring(0, at);
        }
        String tag = null;
        int lastSlash = t.lastIndexOf('/');
        int colon = t.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = t.substring(colon + 1);
            t = t.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new ImageException("invalid tag '" + tag + "' in image reference '" + text + "'");
            }
        }
        String registry = DOCKER_HUB;
        String path = t;
        int slash = t.indexOf('/');
        if (slash > 0) {
            String first = t.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
                registry = first;
                path = t.substring(slash + 1);
                if (!HOST.matcher(registry).matches()) {
                    throw new ImageException("invalid registry '" + registry + "' in image reference '" + text + "'");
                }
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new ImageException("invalid repository name '" + path + "' in image reference '" + text
                        + "': use lowercase letters, digits and separators (. _ __ -) between '/'");
            }
        }
        if (path.length() > 255) {
            throw new ImageException("repository name too long in '" + text + "'");
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /**
     * The same repository, pinned to a digest (the tag kept for display).
     *
     * @param d the manifest's digest
     * @return the pinned reference
     */
    public ImageReference withDigest(Digest d) {
        return new ImageReference(registry, repository, tag, d);
    }

    /**
     * The same repository with another tag, unpinned.
     *
     * @param newTag the tag
     * @return the reference
     */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, null);
    }

    /**
     * {@code registry/repository}.
     *
     * @return the name
     */
    public String name() {
        return registry + "/" + repository;
    }

    /**
     * What the manifest endpoint is asked for: the digest when pinned, else the tag.
     *
     * @return the digest or the tag
     */
    public String manifestReference() {
        return digest != null ? digest.toString() : java.util.Objects.requireNonNull(tag);
    }

    /** The canonical form, {@code docker.io/library/alpine:3.20} or {@code host/r@sha256:...}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name());
        if (tag != null) {
            s.append(':').append(tag);
        }
        if (digest != null) {
            s.append('@').append(digest);
        }
        return s.toString();
    }

    /**
     * The short form people write: {@code alpine:3.20} for Docker Hub's library images.
     *
     * @return the short form
     */
    public String familiar() {
        String n = registry.equals(DOCKER_HUB)
                ? (repository.startsWith("library/") ? repository.substring(8) : repository)
                : name();
        return n + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
