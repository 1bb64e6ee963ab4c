package dev.lit.linux.image;

/** What a push did: the manifest pushed, and how many blobs were uploaded, already there, or mounted. */
public record PushResult(Digest manifest, int uploaded, int skipped, int mounted) {
}
