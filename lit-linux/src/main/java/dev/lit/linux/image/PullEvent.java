package dev.lit.linux.image;

/** What a pull reports as it goes. Listeners get these from several threads at once. */
public sealed interface PullEvent {
    /** The reference resolved to a manifest with this many layers. */
    record Resolved(String reference, Digest manifest, int layers) implements PullEvent {
    }

    /** A layer already unpacked in the store: nothing to download. */
    record LayerCached(Digest blob, long size) implements PullEvent {
    }

    /** Bytes of a layer blob downloaded so far, of {@code total} (-1 if unknown). */
    record LayerProgress(Digest blob, long done, long total) implements PullEvent {
    }

    /** A layer's download was interrupted and continues from {@code offset}. */
    record LayerResumed(Digest blob, long offset) implements PullEvent {
    }

    /** A layer blob is verified and stored. */
    record LayerDownloaded(Digest blob, long size) implements PullEvent {
    }

    /** A layer is unpacked and ready to use. */
    record LayerUnpacked(Digest blob, Digest diffId) implements PullEvent {
    }

    /** The whole image is in the store. */
    record Done(String reference, Digest manifest) implements PullEvent {
    }
}
