package dev.lit.linux.image;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lit's images: pull (from registries and offline sources), list, remove, prune and push.
 *
 * <pre>{@code
 * Images images = Images.open();
 * LocalImage alpine = images.pull("alpine:3.20", event -> System.out.println(event));
 * images.push("alpine:3.20", "127.0.0.1:5000/mirror/alpine:3.20");
 * }</pre>
 */
public final class Images {
    private final ImageOptions options;
    private final ImageStore store;
    private final HttpClient http;
    private final Puller puller;

    static {
        // The JDK client moves response bodies in 16 KiB buffers by default, one selector event each;
        // layer blobs stream far cheaper in larger ones. Only set when the application has not chosen.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(256 * 1024));
        }
    }

    private Images(ImageOptions options) {
        // Jackson's first use costs a few hundred milliseconds of class loading: overlap it with the HTTP client's
        Thread.ofVirtual().name("lit-json-warmup").start(() -> tools.jackson.databind.json.JsonMapper.shared().readTree("{}"));
        this.options = options;
        this.store = new ImageStore(options.root());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        this.puller = new Puller(store, http, options.registries(), options.authFiles(), options.platform());
    }

    /**
     * Opens the image store of the default Lit root, with the default options.
     *
     * @return the images
     * @throws ImageException if the store cannot be created
     */
    public static Images open() {
        return new Images(ImageOptions.defaults());
    }

    /**
     * Opens the image store with these options.
     *
     * @param options the root, registries, credentials and platform
     * @return the images
     * @throws ImageException if the store cannot be created
     */
    public static Images open(ImageOptions options) {
        return new Images(options);
    }

    /**
     * The store underneath.
     *
     * @return the store
     */
    public ImageStore store() {
        return store;
    }

    /**
     * The options this was opened with.
     *
     * @return the options
     */
    public ImageOptions options() {
        return options;
    }

    /**
     * Pulls (or imports) an image, whether or not it is in the store already.
     *
     * @param reference a registry reference or an offline source ({@code oci:}, {@code docker-archive:})
     * @return the stored image
     * @throws InterruptedException if this thread is interrupted; nothing half-written stays in the store
     */
    public LocalImage pull(String reference) throws InterruptedException {
        return pull(reference, PullListener.NONE);
    }

    /**
     * Pulls (or imports) an image, reporting progress.
     *
     * @param reference a registry reference or an offline source ({@code oci:}, {@code docker-archive:})
     * @param listener told of each step
     * @return the stored image
     * @throws ImageException if it cannot be pulled
     * @throws InterruptedException if this thread is interrupted; nothing half-written stays in the store
     */
    public LocalImage pull(String reference, PullListener listener) throws InterruptedException {
        ImageSource source = ImageSource.parse(reference);
        try (AutoCloseable gc = store.gcLock().shared()) {
            ImageRecord record = switch (source) {
                case ImageSource.Registry r -> puller.pull(r.reference(), listener);
                case ImageSource.OciLayout o -> new OfflineImporter(store, puller, options.platform()).importLayout(o, listener);
                case ImageSource.DockerArchive d -> new OfflineImporter(store, puller, options.platform()).importDockerArchive(d, listener);
            };
            return local(record);
        } catch (IOException e) {
            throw new ImageException("cannot pull " + reference + ": " + e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ImageException("cannot pull " + reference + ": " + e, e);
        }
    }

    /**
     * The image if it is in the store with all its layers, else pulls it.
     *
     * @param reference a registry reference or an offline source
     * @param listener told of each step of a pull
     * @return the stored image
     * @throws InterruptedException if this thread is interrupted; nothing half-written stays in the store
     */
    public LocalImage ensure(String reference, PullListener listener) throws InterruptedException {
        Optional<LocalImage> present = find(reference);
        return present.isPresent() ? present.get() : pull(reference, listener);
    }

    /**
     * The image recorded under this reference, if all its layers are unpacked.
     *
     * @param reference a registry reference or an offline source
     * @return the image, or empty
     */
    public Optional<LocalImage> find(String reference) {
        String key = ImageSource.parse(reference).key();
        return store.find(key).filter(r -> r.layers().stream().allMatch(l -> store.hasLayer(l.diffId()))).map(this::local);
    }

    /**
     * Every image in the tag index.
     *
     * @return the images
     */
    public List<LocalImage> list() {
        List<LocalImage> out = new ArrayList<>();
        for (ImageRecord r : store.list()) {
            out.add(local(r));
        }
        return out;
    }

    /**
     * Removes a reference from the tag index; its layers go at the next {@link #prune()}.
     *
     * @param reference the reference it was pulled as
     * @return true if it was there
     */
    public boolean remove(String reference) {
        String key = ImageSource.parse(reference).key();
        boolean[] removed = {false};
        store.updateIndex(index -> {
            removed[0] = index.remove(key) != null;
            return index;
        });
        return removed[0];
    }

    /**
     * Removes layers and blobs no image uses (layers mounted by running containers stay).
     *
     * @return what was removed and how many bytes that freed
     */
    public PruneResult prune() {
        try (AutoCloseable gc = store.gcLock().exclusive()) {
            return new Pruner(store).prune();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ImageException("cannot prune " + store.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pushes a stored image to a registry reference, uploading blobs in one request each.
     *
     * @param local the stored image's reference
     * @param target the registry reference to push to
     * @return what was pushed
     * @throws InterruptedException if this thread is interrupted
     */
    public PushResult push(String local, String target) throws InterruptedException {
        return push(local, target, 0);
    }

    /**
     * As {@link #push(String, String)}, uploading in chunks of {@code chunkSize} bytes when positive.
     *
     * @param local the stored image's reference
     * @param target the registry reference to push to
     * @param chunkSize the chunk size, or 0 for one request a blob
     * @return what was pushed
     * @throws InterruptedException if this thread is interrupted
     */
    public PushResult push(String local, String target, long chunkSize) throws InterruptedException {
        ImageRecord record = store.find(ImageSource.parse(local).key())
                .orElseThrow(() -> new ImageException("no image " + local + " in the store " + store.root() + ": pull it first"));
        ImageReference to = ImageReference.parse(target);
        try {
            return new Pusher(store, http, options.registries()).push(record, to, puller.credentials(to.registry()), chunkSize);
        } catch (IOException e) {
            throw new ImageException("cannot push " + local + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private LocalImage local(ImageRecord record) {
        ImageConfig config = ImageConfig.parse(store.readBlob(record.config()));
        List<Path> layers = new ArrayList<>();
        record.layers().forEach(l -> layers.add(store.layerPath(l.diffId())));
        return new LocalImage(record, config, layers);
    }
}
