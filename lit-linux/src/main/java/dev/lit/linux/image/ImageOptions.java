package dev.lit.linux.image;

import java.nio.file.Path;

/**
 * How {@link Images} works: the Lit root holding the store, the registry settings, where
 * credentials come from, and the platform to pull for.
 */
public record ImageOptions(Path root, RegistryConfig registries, AuthFiles authFiles, Platform platform) {

    /** The defaults: {@link ImageStore#defaultRoot()}, its {@code registries.json}, the usual auth files, this host's platform. */
    public static ImageOptions defaults() {
        Path root = ImageStore.defaultRoot();
        return new ImageOptions(root, RegistryConfig.load(root), AuthFiles.standard(), Platform.current());
    }

    /** Another root; the registry settings are read from it. */
    public ImageOptions withRoot(Path newRoot) {
        return new ImageOptions(newRoot, RegistryConfig.load(newRoot), authFiles, platform);
    }

    public ImageOptions withRegistries(RegistryConfig config) {
        return new ImageOptions(root, config, authFiles, platform);
    }

    /** Adds credentials for one registry (host[:port], {@code docker.io} for Docker Hub). */
    public ImageOptions withCredentials(String registry, Credentials credentials) {
        return new ImageOptions(root, registries.withCredentials(registry, credentials), authFiles, platform);
    }

    /** Marks a registry insecure (plain HTTP) or gives it mirrors. */
    public ImageOptions withRegistry(String registry, RegistryConfig.Registry settings) {
        return new ImageOptions(root, registries.withRegistry(registry, settings), authFiles, platform);
    }

    public ImageOptions withAuthFiles(AuthFiles files) {
        return new ImageOptions(root, registries, files, platform);
    }

    public ImageOptions withPlatform(Platform p) {
        return new ImageOptions(root, registries, authFiles, p);
    }
}
