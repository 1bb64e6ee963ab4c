package dev.lit.linux.image;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pushes an image from the store to a registry: each blob is skipped if the registry has
 * it, mounted from the source repository when both live on the same registry, or uploaded
 * (in one PUT, or in PATCH chunks when a chunk size is given); the manifest goes last.
 */
final class Pusher {
    private final ImageStore store;
    private final HttpClient http;
    private final RegistryConfig config;

    Pusher(ImageStore store, HttpClient http, RegistryConfig config) {
        this.store = store;
        this.http = http;
        this.config = config;
    }

    PushResult push(ImageRecord image, ImageReference target, @Nullable Credentials credentials, long chunkSize) throws IOException, InterruptedException {
        RegistryClient client = new RegistryClient(http, config.pushEndpoint(target.registry()), target.registry(), credentials);
        String repo = target.repository();
        String mountFrom = null;
        if (image.reference().contains("/") && !image.reference().contains(":/")) {
            ImageReference source = ImageReference.parse(image.reference());
            if (source.registry().equals(target.registry()) && !source.repository().equals(repo)) {
                mountFrom = source.repository();
            }
        }
        List<Descriptor> blobs = new ArrayList<>();
        image.layers().forEach(l -> blobs.add(l.blob()));
        blobs.add(new Descriptor(MediaTypes.OCI_CONFIG, image.config(), -1));
        int uploaded = 0;
        int skipped = 0;
        int mounted = 0;
        for (Descriptor d : blobs) {
            if (!store.hasBlob(d.digest())) {
                throw new ImageException("cannot push " + image.reference() + ": blob " + d.digest() + " is not in the store (pull the image again)");
            }
            if (client.blobExists(repo, d.digest())) {
                skipped++;
                continue;
            }
            if (mountFrom != null && client.mount(repo, mountFrom, d.digest())) {
                mounted++;
                continue;
            }
            URI location = client.startUpload(repo);
            if (chunkSize > 0) {
                client.uploadChunked(repo, location, store.blobPath(d.digest()), d.digest(), chunkSize);
            } else {
                client.uploadMonolithic(repo, location, store.blobPath(d.digest()), d.digest());
            }
            uploaded++;
        }
        byte[] manifest = store.readBlob(image.manifest());
        String tag = target.digest() != null ? image.manifest().toString() : target.manifestReference();
        client.putManifest(repo, tag, manifest, image.manifestMediaType());
        return new PushResult(image.manifest(), uploaded, skipped, mounted);
    }
}
