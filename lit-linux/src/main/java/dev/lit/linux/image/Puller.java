package dev.lit.linux.image;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Pulls an image into the store: resolves the reference to a manifest (selecting the
 * platform from an index), then fetches the config and, on virtual threads, every layer not
 * already unpacked, and records the image in the tag index.
 */
final class Puller {
    /** Concurrent blob downloads (Docker uses 3; most images have fewer layers than this). */
    private static final int DOWNLOADS = 6;

    /** Where verified blobs come from: a registry, or an offline source already copied into the store. */
    interface BlobSource {
        Path fetch(Descriptor d) throws IOException, InterruptedException;

        /** Fetches a layer blob and unpacks it; sources that can stream override this. */
        default void fetchLayer(Descriptor d, Digest diffId, LayerStore layers) throws IOException, InterruptedException {
            layers.unpack(fetch(d), diffId);
        }
    }

    private final ImageStore store;
    private final LayerStore layers;
    private final HttpClient http;
    private final RegistryConfig config;
    private final AuthFiles authFiles;
    private final Platform platform;

    Puller(ImageStore store, HttpClient http, RegistryConfig config, AuthFiles authFiles, Platform platform) {
        this.store = store;
        this.layers = new LayerStore(store);
        this.http = http;
        this.config = config;
        this.authFiles = authFiles;
        this.platform = platform;
    }

    @Nullable Credentials credentials(String registry) {
        Credentials c = config.credentialsFor(registry);
        return c != null ? c : authFiles.lookup(registry);
    }

    ImageRecord pull(ImageReference ref, PullListener listener) throws InterruptedException {
        List<RegistryConfig.Endpoint> endpoints = config.pullEndpoints(ref.registry());
        ImageException failure = null;
        for (RegistryConfig.Endpoint endpoint : endpoints) {
            Credentials c = credentials(endpoint.host());
            if (c == null) {
                c = credentials(ref.registry());
            }
            RegistryClient client = new RegistryClient(http, endpoint, ref.registry(), c);
            try {
                return pullFrom(client, ref, listener);
            } catch (IOException e) {
                failure = chain(failure, new ImageException("cannot pull " + ref + " from " + endpoint.host() + ": " + e, e));
            } catch (ImageException e) {
                if (e instanceof DigestMismatchException || e instanceof LayerUnpacker.UnsafeEntryException) {
                    throw e;
                }
                failure = chain(failure, e);
            }
        }
        throw failure == null ? new ImageException("no endpoint for " + ref.registry()) : failure;
    }

    private static ImageException chain(@Nullable ImageException earlier, ImageException later) {
        if (earlier != null) {
            later.addSuppressed(earlier);
        }
        return later;
    }

    private ImageRecord pullFrom(RegistryClient client, ImageReference ref, PullListener listener) throws IOException, InterruptedException {
        String repo = ref.repository();
        RegistryClient.Fetched fetched = client.manifest(repo, ref.manifestReference());
        Digest digest = Digest.of(fetched.body());
        if (ref.digest() != null && !ref.digest().equals(digest)) {
            throw new DigestMismatchException(ref.digest(), digest, "the manifest of " + ref);
        }
        Manifest manifest = Manifest.parse(fetched.body(), fetched.contentType());
        store.putBlob(fetched.body(), digest);
        if (manifest instanceof Manifest.Index index) {
            Descriptor chosen = index.select(platform, ref.toString());
            fetched = client.manifest(repo, chosen.digest().toString());
            digest = Digest.of(fetched.body());
            if (!digest.equals(chosen.digest())) {
                throw new DigestMismatchException(chosen.digest(), digest, "the " + platform + " manifest of " + ref);
            }
            manifest = Manifest.parse(fetched.body(), fetched.contentType());
            store.putBlob(fetched.body(), digest);
        }
        if (!(manifest instanceof Manifest.Image image)) {
            throw new ImageException(ref + ": an index inside an index is not supported");
        }
        BlobFetcher blobs = new BlobFetcher(store, listener);
        BlobSource source = new BlobSource() {
            @Override
            public Path fetch(Descriptor d) throws IOException, InterruptedException {
                return blobs.fetch(client, repo, d);
            }

            @Override
            public void fetchLayer(Descriptor d, Digest diffId, LayerStore layers) throws IOException, InterruptedException {
                blobs.fetchAndUnpack(client, repo, d, diffId, layers);
            }
        };
        return complete(ref.toString(), digest, image, source, listener);
    }

    /** Fetches the config and unpacks the layers of a resolved manifest, then records the image. */
    ImageRecord complete(String key, Digest manifestDigest, Manifest.Image image, BlobSource source, PullListener listener)
            throws IOException, InterruptedException {
        listener.onEvent(new PullEvent.Resolved(key, manifestDigest, image.layers().size()));
        ImageConfig cfg = ImageConfig.parse(store.readBlob(configBlob(source, image.config())));
        if (cfg.diffIds().size() != image.layers().size()) {
            throw new ImageException(key + ": the manifest has " + image.layers().size() + " layers but the config lists "
                    + cfg.diffIds().size() + " diff IDs");
        }
        Semaphore downloads = new Semaphore(DOWNLOADS);
        List<ImageRecord.Layer> recorded = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < image.layers().size(); i++) {
                Descriptor layer = image.layers().get(i);
                Digest diffId = cfg.diffIds().get(i);
                recorded.add(new ImageRecord.Layer(layer, diffId));
                futures.add(pool.submit(() -> {
                    if (store.hasLayer(diffId)) {
                        listener.onEvent(new PullEvent.LayerCached(layer.digest(), layer.size()));
                        return null;
                    }
                    if (!layer.urls().isEmpty() && !store.hasBlob(layer.digest())) {
                        throw new ImageException(key + ": foreign layer " + layer.digest() + " (from " + layer.urls().getFirst() + ") is not supported");
                    }
                    downloads.acquire();
                    try {
                        source.fetchLayer(layer, diffId, layers);
                    } finally {
                        downloads.release();
                    }
                    listener.onEvent(new PullEvent.LayerUnpacked(layer.digest(), diffId));
                    return null;
                }));
            }
            try {
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (ExecutionException e) {
                pool.shutdownNow();
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof InterruptedException ie) {
                    throw ie;
                }
                throw new ImageException(key + ": " + cause, cause);
            }
        }
        ImageRecord record = new ImageRecord(key, manifestDigest, image.mediaType(), image.config().digest(), recorded, Instant.now());
        store.updateIndex(index -> {
            index.put(key, record);
            return index;
        });
        listener.onEvent(new PullEvent.Done(key, manifestDigest));
        return record;
    }

    private Digest configBlob(BlobSource source, Descriptor config) throws IOException, InterruptedException {
        if (!store.hasBlob(config.digest())) {
            source.fetch(config);
        }
        return config.digest();
    }
}
