package dev.lit.linux.image;

/** What a pull reports as it goes. Listeners get these from several threads at once. */
public sealed interface PullEvent {
    /**
     * The reference resolved to a manifest with this many layers.
     *
     * @param reference the reference
     * @param manifest the manifest's digest
     * @param layers how many layers it has
     */
    record Resolved(String reference, Digest manifest, int layers) implements PullEvent {
    }

    /**
     * A layer already unpacked in the store: nothing to download.
     *
     * @param blob the layer blob
     * @param size its size in bytes
     */
    record LayerCached(Digest blob, long size) implements PullEvent {
    }

    /**
     * Bytes of a layer blob downloaded so far, of {@code total} (-1 if unknown).
     *
     * @param blob the layer blob
     * @param done bytes so far
     * @param total its size
     */
    record LayerProgress(Digest blob, long done, long total) implements PullEvent {
    }

    /**
     * A layer's download was interrupted and continues from {@code offset}.
     *
     * @param blob the layer blob
     * @param offset the bytes already there
     */
    record LayerResumed(Digest blob, long offset) implements PullEvent {
    }

    /**
     * A layer blob is verified and stored.
     *
     * @param blob the layer blob
     * @param size its size in bytes
     */
    record LayerDownloaded(Digest blob, long size) implements PullEvent {
    }

    /**
     * A layer is unpacked and ready to use.
     *
     * @param blob the layer blob
     * @param diffId the digest of its uncompressed tar
     */
    record LayerUnpacked(Digest blob, Digest diffId) implements PullEvent {
    }

    /**
     * The whole image is in the store.
     *
     * @param reference the reference
     * @param manifest the manifest's digest
     */
    record Done(String reference, Digest manifest) implements PullEvent {
    }
}
