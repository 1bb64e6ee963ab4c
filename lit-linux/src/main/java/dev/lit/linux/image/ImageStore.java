package dev.lit.linux.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The content-addressed store under the Lit root:
 *
 * <pre>
 * blobs/sha256/HEX     manifests, configs and layer blobs, by digest, verified
 * l/ID                 an unpacked layer (an overlay lower directory), ID = 16 hex of its diff ID
 * l/ID.json            written last: the layer is complete; names its full diff ID
 * tmp/                 downloads and unpacks in progress (moved into place only once verified)
 * locks/NAME.lock      per-blob, per-layer and index locks
 * images.json          the tag index: reference to manifest, config and layers
 * registries.json      optional registry settings ({@link RegistryConfig})
 * </pre>
 *
 * Layer directories are named by a short ID so that overlay's lowerdir list stays within
 * the 4096-byte mount data limit: {@code /var/lib/lit/l/} plus 16 hex digits is 31 bytes a layer.
 */
public final class ImageStore {
    private final Path root;

    /**
     * Opens the store under {@code root}, creating its directories if missing.
     *
     * @param root the Lit root
     * @throws ImageException if the directories cannot be created
     */
    public ImageStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            for (String dir : List.of("blobs/sha256", "l", "tmp", "locks")) {
                Files.createDirectories(this.root.resolve(dir));
            }
            // containers in a user namespace mount layers as an unprivileged host uid: the way to l/ must be searchable
            for (Path p : List.of(this.root, this.root.resolve("l"))) {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE) && Files.isWritable(p)) {
                    perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                    perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        } catch (IOException e) {
            throw new ImageException("cannot create the image store in " + this.root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The Lit root for this process: {@code LIT_ROOT}, else the system property
     * {@code lit.root}, else {@code /var/lib/lit} for root and {@code $XDG_DATA_HOME/lit}
     * (or {@code ~/.local/share/lit}) for other users.
     *
     * @return the root, absolute
     */
    public static Path defaultRoot() {
        String env = System.getenv("LIT_ROOT");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String property = System.getProperty("lit.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        if (ProcessIds.isRoot()) {
            return Path.of("/var/lib/lit");
        }
        String data = System.getenv("XDG_DATA_HOME");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "lit");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "lit");
    }

    /**
     * The Lit root this store lives in.
     *
     * @return the root, absolute and normalized
     */
    public Path root() {
        return root;
    }

    /**
     * Where a blob is or would be kept.
     *
     * @param d the blob's digest
     * @return its path
     */
    public Path blobPath(Digest d) {
        return root.resolve("blobs/sha256").resolve(d.hex());
    }

    /**
     * Whether a blob is in the store.
     *
     * @param d the blob's digest
     * @return true if it is
     */
    public boolean hasBlob(Digest d) {
        return Files.isRegularFile(blobPath(d));
    }

    /**
     * A blob's bytes.
     *
     * @param d the blob's digest
     * @return the bytes
     * @throws ImageException if the blob is missing or unreadable
     */
    public byte[] readBlob(Digest d) {
        try {
            return Files.readAllBytes(blobPath(d));
        } catch (NoSuchFileException e) {
            throw new ImageException("blob " + d + " is not in the store " + root);
        } catch (IOException e) {
            throw new ImageException("cannot read blob " + d + ": " + e.getMessage(), e);
        }
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    Path newTemp(String prefix) {
        return tmp().resolve(prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** Held by pulls (shared) and prune (exclusive), so prune never removes what a pull is about to record. */
    GcLock gcLock() {
        return GcLock.of(root.resolve("locks").resolve("gc.lock"));
    }

    StoreLock lock(String name) {
        return StoreLock.acquire(root.resolve("locks").resolve(name + ".lock"));
    }

    /** Stores a small blob (manifest, config) after checking it has the digest it claims. */
    Digest putBlob(byte[] content, Digest expected) {
        Digest actual = Digest.of(content);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(expected, actual, "content");
        }
        if (hasBlob(actual)) {
            return actual;
        }
        try (StoreLock l = lock("blob-" + actual.hex())) {
            Path temp = newTemp("blob");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(content));
                ch.force(true);
            }
            moveInto(temp, blobPath(actual));
        } catch (IOException e) {
            throw new ImageException("cannot store blob " + actual + ": " + e.getMessage(), e);
        }
        return actual;
    }

    /**
     * Streams a blob into the store, verifying its digest (and size, when known) before it
     * is moved into place. A mismatch leaves nothing behind.
     */
    Digest putBlob(InputStream in, Digest expected, long size) throws IOException {
        try (StoreLock l = lock("blob-" + expected.hex())) {
            if (hasBlob(expected)) {
                return expected;
            }
            Path temp = newTemp("blob");
            try {
                MessageDigest md = Digest.sha256();
                long n = 0;
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                    byte[] buffer = new byte[128 * 1024];
                    int r;
                    while ((r = in.read(buffer)) > 0) {
                        md.update(buffer, 0, r);
                        out.write(buffer, 0, r);
                        n += r;
                    }
                    out.flush();
                    ch.force(true);
                }
                Digest actual = Digest.of(md);
                if (!actual.equals(expected)) {
                    throw new DigestMismatchException(expected, actual, "blob");
                }
                if (size >= 0 && n != size) {
                    throw new ImageException("blob " + expected + " has " + n + " bytes, not the " + size + " its descriptor says");
                }
                moveInto(temp, blobPath(expected));
                return expected;
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Renames a verified temporary file (or directory) into place, then syncs the directory. */
    void moveInto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ImageException("the store's tmp and target directories must be on one filesystem: " + e.getMessage(), e);
        }
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // some filesystems cannot sync a directory; the rename itself is atomic
        }
    }

    // ---- layers

    /**
     * The directory of the unpacked layer with this diff ID (whether or not it exists yet).
     *
     * @param diffId the layer's diff ID
     * @return the directory
     */
    public Path layerPath(Digest diffId) {
        return root.resolve("l").resolve(diffId.shortId());
    }

    private Path layerMarker(Digest diffId) {
        return root.resolve("l").resolve(diffId.shortId() + ".json");
    }

    /**
     * Whether the layer is fully unpacked here.
     *
     * @param diffId the layer's diff ID
     * @return true once its unpacking completed
     */
    public boolean hasLayer(Digest diffId) {
        Path marker = layerMarker(diffId);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try {
            String recorded = JsonMapper.shared().readTree(Files.readString(marker)).path("diffId").asString("");
            if (!recorded.equals(diffId.toString())) {
                throw new ImageException("layer ID collision in " + root + ": " + diffId + " and " + recorded
                        + " share the short ID " + diffId.shortId());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks an unpacked layer complete: written after its directory is in place. */
    void markLayer(Digest diffId, long files) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("diffId", diffId.toString());
        o.put("entries", files);
        Path temp = newTemp("marker");
        Files.writeString(temp, o.toString());
        moveInto(temp, layerMarker(diffId));
    }

    /** The diff IDs of the layers unpacked here, by short ID. */
    Map<String, Digest> layers() {
        Map<String, Digest> out = new LinkedHashMap<>();
        try (var list = Files.list(root.resolve("l"))) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json")) {
                    try {
                        Digest d = Digest.parse(JsonMapper.shared().readTree(Files.readString(p)).path("diffId").asString(""));
                        out.put(name.substring(0, name.length() - 5), d);
                    } catch (RuntimeException | IOException e) {
                        // a damaged marker: the layer is treated as absent
                    }
                }
            }
        } catch (IOException e) {
            throw new ImageException("cannot list layers in " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    void removeLayer(String shortId) throws IOException {
        Files.deleteIfExists(root.resolve("l").resolve(shortId + ".json"));
        Trees.delete(root.resolve("l").resolve(shortId));
    }

    // ---- the tag index

    private Path indexFile() {
        return root.resolve("images.json");
    }

    /** The index, reference to record, in the order written. */
    Map<String, ImageRecord> index() {
        Map<String, ImageRecord> out = new LinkedHashMap<>();
        try {
            if (!Files.exists(indexFile())) {
                return out;
            }
            JsonNode tree = JsonMapper.shared().readTree(Files.readString(indexFile(), StandardCharsets.UTF_8));
            for (JsonNode n : tree.path("images")) {
                ImageRecord r = ImageRecord.fromJson(n);
                out.put(r.reference(), r);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new ImageException("cannot read the image index " + indexFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tag index's entry for a reference.
     *
     * @param reference the canonical reference or offline source key
     * @return the entry, or empty
     */
    public Optional<ImageRecord> find(String reference) {
        return Optional.ofNullable(index().get(reference));
    }

    /**
     * Every entry of the tag index.
     *
     * @return the entries
     */
    public List<ImageRecord> list() {
        return new ArrayList<>(index().values());
    }

    /** Changes the index under its lock; the function returns the new map. */
    void updateIndex(Function<Map<String, ImageRecord>, Map<String, ImageRecord>> change) {
        try (StoreLock l = lock("index")) {
            Map<String, ImageRecord> updated = change.apply(index());
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            ArrayNode images = o.putArray("images");
            updated.values().forEach(r -> images.add(r.toJson()));
            Path temp = newTemp("index");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(o.toPrettyString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            moveInto(temp, indexFile());
        } catch (IOException e) {
            throw new ImageException("cannot write the image index " + indexFile() + ": " + e.getMessage(), e);
        }
    }
}
