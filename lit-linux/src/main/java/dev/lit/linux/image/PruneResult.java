package dev.lit.linux.image;

/** What a prune removed: unpacked layers, blobs, and the bytes they held. */
public record PruneResult(int layers, int blobs, long bytes) {
}
