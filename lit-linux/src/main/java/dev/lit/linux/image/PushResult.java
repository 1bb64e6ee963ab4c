package dev.lit.linux.image;

/**
 * What a push did: the manifest pushed, and how many blobs were uploaded, already there, or mounted.
 *
 * @param manifest the pushed manifest's digest
 * @param uploaded blobs uploaded
 * @param skipped blobs the registry had already
 * @param mounted blobs mounted from another repository of the registry
 */
public record PushResult(Digest manifest, int uploaded, int skipped, int mounted) {
}
