package dev.lit.linux.image;

import java.util.Set;

/** The manifest and layer media types Lit reads. */
public final class MediaTypes {
    /** An OCI image index: one manifest per platform. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** An OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** An OCI image config blob. */
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** An OCI layer, an uncompressed tar. */
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    /** An OCI layer, a gzip-compressed tar. */
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** An OCI layer, a zstd-compressed tar. */
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    /** A Docker manifest list: one manifest per platform. */
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** A Docker schema 2 image manifest. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** A Docker image config blob. */
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    /** A Docker layer, a gzip-compressed tar. */
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** A Docker foreign layer, fetched from its URLs rather than the registry. */
    public static final String DOCKER_FOREIGN_LAYER = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /** What a manifest request accepts, in order of preference. */
    public static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);
    static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

    private MediaTypes() {
    }
}
