package dev.lit.linux.image;

import java.nio.file.Path;

/**
 * How {@link Images} works: the Lit root holding the store, the registry settings, where
 * credentials come from, and the platform to pull for.
 *
 * @param root the Lit root holding the image store
 * @param registries mirrors, insecure registries and credentials
 * @param authFiles the Docker and Podman auth files to read credentials from
 * @param platform the OS and architecture to pull for
 */
public record ImageOptions(Path root, RegistryConfig registries, AuthFiles authFiles, Platform platform) {

    /**
     * The defaults: {@link ImageStore#defaultRoot()}, its {@code registries.json}, the usual auth files, this
     * host's platform.
     *
     * @return the options
     */
    public static ImageOptions defaults() {
        Path root = ImageStore.defaultRoot();
        return new ImageOptions(root, RegistryConfig.load(root), AuthFiles.standard(), Platform.current());
    }

    /**
     * Another root; the registry settings are read from it.
     *
     * @param newRoot the Lit root
     * @return the options
     */
    public ImageOptions withRoot(Path newRoot) {
        return new ImageOptions(newRoot, RegistryConfig.load(newRoot), authFiles, platform);
    }

    /**
     * Other registry settings.
     *
     * @param config the settings
     * @return the options
     */
    public ImageOptions withRegistries(RegistryConfig config) {
        return new ImageOptions(root, config, authFiles, platform);
    }

    /**
     * Adds credentials for one registry (host[:port], {@code docker.io} for Docker Hub).
     *
     * @param registry the registry
     * @param credentials the user and password
     * @return the options
     */
    public ImageOptions withCredentials(String registry, Credentials credentials) {
        return new ImageOptions(root, registries.withCredentials(registry, credentials), authFiles, platform);
    }

    /**
     * Marks a registry insecure (plain HTTP) or gives it mirrors.
     *
     * @param registry host[:port]
     * @param settings insecure or mirrors
     * @return the options
     */
    public ImageOptions withRegistry(String registry, RegistryConfig.Registry settings) {
        return new ImageOptions(root, registries.withRegistry(registry, settings), authFiles, platform);
    }

    /**
     * Other auth files.
     *
     * @param files the files
     * @return the options
     */
    public ImageOptions withAuthFiles(AuthFiles files) {
        return new ImageOptions(root, registries, files, platform);
    }

    /**
     * Another platform to pull for.
     *
     * @param p the OS and architecture
     * @return the options
     */
    public ImageOptions withPlatform(Platform p) {
        return new ImageOptions(root, registries, authFiles, p);
    }
}
