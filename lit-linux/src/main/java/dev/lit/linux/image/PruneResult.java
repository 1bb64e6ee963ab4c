package dev.lit.linux.image;

/**
 * What a prune removed: unpacked layers, blobs, and the bytes they held.
 *
 * @param layers unpacked layer directories removed
 * @param blobs blobs removed
 * @param bytes bytes freed
 */
public record PruneResult(int layers, int blobs, long bytes) {
}
