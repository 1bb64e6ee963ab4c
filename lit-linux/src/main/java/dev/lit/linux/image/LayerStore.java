package dev.lit.linux.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Unpacks layers into the store's layer directories, keyed by diff ID so images share them.
 * Each unpack goes to a temporary directory while the uncompressed stream's digest is checked
 * against the diff ID; {@link Pending#commit()} then renames it into place and marks it
 * complete, under a per-layer lock, so concurrent pulls of one layer end with one copy.
 */
final class LayerStore {
    private final ImageStore store;

    LayerStore(ImageStore store) {
        this.store = store;
    }

    /** An unpacked, verified layer in a temporary directory, not yet in place. */
    final class Pending {
        private final Path temp;
        private final Digest diffId;
        private final long entries;

        private Pending(Path temp, Digest diffId, long entries) {
            this.temp = temp;
            this.diffId = diffId;
            this.entries = entries;
        }

        /** Moves the layer into place (unless another pull got there first). */
        Path commit() throws IOException {
            Path target = store.layerPath(diffId);
            try (StoreLock l = store.lock("layer-" + diffId.shortId())) {
                if (!store.hasLayer(diffId)) {
                    Trees.delete(target); // a leftover of an unpack that never completed
                    store.moveInto(temp, target);
                    store.markLayer(diffId, entries);
                }
                return target;
            } finally {
                discard();
            }
        }

        void discard() {
            Trees.deleteQuietly(temp);
        }
    }

    /** Unpacks {@code blob} as the layer {@code diffId} unless it is already there. */
    Path unpack(Path blob, Digest diffId) throws IOException {
        if (store.hasLayer(diffId)) {
            return store.layerPath(diffId);
        }
        Pending pending;
        try (InputStream raw = Files.newInputStream(blob)) {
            pending = prepare(raw, diffId);
        }
        return pending.commit();
    }

    /**
     * Unpacks a (compressed) layer stream into a temporary directory and checks its diff ID;
     * reads {@code compressed} to its end. On failure nothing is left behind.
     */
    Pending prepare(InputStream compressed, Digest diffId) throws IOException {
        Path temp = store.newTemp("layer");
        Files.createDirectory(temp);
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask; a "./" entry may change it
        try {
            MessageDigest md = Digest.sha256();
            long entries;
            InputStream tarStream = Decompression.open(compressed);
            try (DigestInputStream tar = new DigestInputStream(tarStream, md)) {
                entries = new LayerUnpacker(temp).unpack(tar);
                tar.transferTo(OutputStream.nullOutputStream()); // padding after the end blocks counts too
                compressed.transferTo(OutputStream.nullOutputStream()); // and whatever follows the compressed data
            }
            Digest actual = Digest.of(md);
            if (!actual.equals(diffId)) {
                throw new DigestMismatchException(diffId, actual, "the uncompressed layer (diff ID)");
            }
            return new Pending(temp, diffId, entries);
        } catch (IOException | RuntimeException | Error e) {
            Trees.deleteQuietly(temp);
            throw e;
        }
    }
}
