package dev.lit.linux.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports images from offline sources: an OCI image layout directory or tar, or a
 * {@code docker save} tarball. Every blob is verified against its digest on the way into the
 * store; tarballs are read with Lit's own tar reader, one pass.
 */
final class OfflineImporter {
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final ImageStore store;
    private final Puller puller;
    private final Platform platform;

    OfflineImporter(ImageStore store, Puller puller, Platform platform) {
        this.store = store;
        this.puller = puller;
        this.platform = platform;
    }

    ImageRecord importLayout(ImageSource.OciLayout source, PullListener listener) throws IOException, InterruptedException {
        Path path = source.path();
        byte[] indexJson;
        Puller.BlobSource blobs;
        if (Files.isDirectory(path)) {
            indexJson = Files.readAllBytes(path.resolve("index.json"));
            blobs = d -> {
                if (!store.hasBlob(d.digest())) {
                    Path file = path.resolve("blobs/sha256").resolve(d.digest().hex());
                    try (InputStream in = Files.newInputStream(file)) {
                        store.putBlob(in, d.digest(), d.size());
                    }
                }
                return store.blobPath(d.digest());
            };
        } else if (Files.isRegularFile(path)) {
            Map<String, byte[]> small = spool(path, List.of("index.json"), null);
            indexJson = small.get("index.json");
            if (indexJson == null) {
                throw new ImageException(path + " is not an OCI image layout tar: it has no index.json");
            }
            blobs = this::fromStore;
        } else {
            throw new ImageException("no OCI image layout at " + path);
        }
        Descriptor chosen = choose(indexJson, source);
        byte[] manifestBytes = blobBytes(blobs, chosen);
        Manifest manifest = Manifest.parse(manifestBytes, chosen.mediaType());
        Digest digest = chosen.digest();
        if (manifest instanceof Manifest.Index index) {
            chosen = index.select(platform, source.key());
            manifestBytes = blobBytes(blobs, chosen);
            manifest = Manifest.parse(manifestBytes, chosen.mediaType());
            digest = chosen.digest();
        }
        if (!(manifest instanceof Manifest.Image image)) {
            throw new ImageException(source.key() + ": nested indexes are not supported");
        }
        return puller.complete(source.key(), digest, image, blobs, listener);
    }

    private byte[] blobBytes(Puller.BlobSource blobs, Descriptor d) throws IOException, InterruptedException {
        return Files.readAllBytes(blobs.fetch(d));
    }

    private Path fromStore(Descriptor d) {
        if (!store.hasBlob(d.digest())) {
            throw new ImageException("the archive lacks blob " + d.digest());
        }
        return store.blobPath(d.digest());
    }

    private static Descriptor choose(byte[] indexJson, ImageSource.OciLayout source) {
        JsonNode manifests = JsonMapper.shared().readTree(new String(indexJson, StandardCharsets.UTF_8)).path("manifests");
        List<String> names = new ArrayList<>();
        Descriptor only = null;
        for (JsonNode m : manifests) {
            String name = m.path("annotations").path(REF_NAME).asString("");
            names.add(name.isEmpty() ? m.path("digest").asString() : name);
            if (source.tag() != null && (name.equals(source.tag()) || name.endsWith(":" + source.tag()))) {
                return Descriptor.from(m);
            }
            only = Descriptor.from(m);
        }
        if (source.tag() == null && manifests.size() == 1 && only != null) {
            return only;
        }
        throw new ImageException(source.path() + (source.tag() == null ? " holds " + manifests.size() + " images: name one with oci:PATH:TAG"
                : " has no image tagged '" + source.tag() + "'") + " (it has " + String.join(", ", names) + ")");
    }

    ImageRecord importDockerArchive(ImageSource.DockerArchive source, PullListener listener) throws IOException, InterruptedException {
        Path path = source.path();
        if (!Files.isRegularFile(path)) {
            throw new ImageException("no docker-archive tarball at " + path);
        }
        Map<String, Descriptor> files = new HashMap<>();
        Map<String, byte[]> small = spool(path, List.of("manifest.json"), files);
        byte[] manifestJson = small.get("manifest.json");
        if (manifestJson == null) {
            throw new ImageException(path + " is not a docker save tarball: it has no manifest.json");
        }
        JsonNode entries = JsonMapper.shared().readTree(new String(manifestJson, StandardCharsets.UTF_8));
        JsonNode entry = null;
        for (JsonNode e : entries) {
            if (source.reference() == null) {
                entry = e;
                break;
            }
            for (JsonNode tag : e.path("RepoTags")) {
                if (tag.asString().equals(source.reference()) || ImageReference.parse(tag.asString()).toString()
                        .equals(ImageReference.parse(source.reference()).toString())) {
                    entry = e;
                }
            }
        }
        if (entry == null) {
            throw new ImageException(path + " has no image " + (source.reference() == null ? "" : "tagged " + source.reference()));
        }
        Descriptor config = file(files, entry.path("Config").asString(), path);
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", new Descriptor(MediaTypes.OCI_CONFIG, config.digest(), config.size()).toJson());
        ArrayNode layers = manifest.putArray("layers");
        List<Descriptor> layerList = new ArrayList<>();
        for (JsonNode l : entry.path("Layers")) {
            Descriptor raw = file(files, l.asString(), path);
            Descriptor d = new Descriptor(layerType(store.blobPath(raw.digest())), raw.digest(), raw.size());
            layers.add(d.toJson());
            layerList.add(d);
        }
        byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
        Digest digest = store.putBlob(manifestBytes, Digest.of(manifestBytes));
        Manifest.Image image = new Manifest.Image(MediaTypes.OCI_MANIFEST, new Descriptor(MediaTypes.OCI_CONFIG, config.digest(), config.size()), layerList);
        return puller.complete(source.key(), digest, image, this::fromStore, listener);
    }

    private static Descriptor file(Map<String, Descriptor> files, String name, Path archive) {
        Descriptor d = files.get(name);
        if (d == null) {
            throw new ImageException(archive + " lists " + name + " in manifest.json but does not contain it");
        }
        return d;
    }

    private static String layerType(Path blob) throws IOException {
        try (InputStream in = Files.newInputStream(blob)) {
            byte[] m = in.readNBytes(4);
            if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
                return MediaTypes.OCI_LAYER_GZIP;
            }
            if (m.length == 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5) {
                return MediaTypes.OCI_LAYER_ZSTD;
            }
            return MediaTypes.OCI_LAYER;
        }
    }

    /**
     * Reads a tarball once: the named small files are returned; {@code blobs/sha256/HEX} files
     * go into the store verified against their names; with {@code files} non-null, every other
     * regular file is stored by its computed digest and listed there by name.
     */
    private Map<String, byte[]> spool(Path tarball, List<String> wanted, @Nullable Map<String, Descriptor> files) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        try (InputStream raw = Files.newInputStream(tarball); InputStream in = Decompression.open(raw)) {
            TarReader tar = new TarReader(in);
            TarEntry e;
            while ((e = tar.next()) != null) {
                String name = e.name().replaceFirst("^(\\./)+", "");
                if (e.type() == TarEntry.SYMLINK && files != null) {
                    Path parent = Path.of(name).getParent();
                    links.put(name, (parent == null ? Path.of(e.linkName()) : parent.resolve(e.linkName())).normalize().toString());
                    continue;
                }
                if (e.type() != TarEntry.FILE) {
                    continue;
                }
                if (wanted.contains(name)) {
                    out.put(name, tar.content().readAllBytes());
                } else if (name.startsWith("blobs/sha256/")) {
                    Digest d = new Digest(name.substring("blobs/sha256/".length()));
                    store.putBlob(tar.content(), d, e.size());
                    if (files != null) {
                        files.put(name, new Descriptor("", d, e.size()));
                    }
                } else if (files != null) {
                    files.put(name, storeUnnamed(tar.content(), e.size()));
                }
            }
        }
        if (files != null) {
            links.forEach((link, target) -> {
                Descriptor d = files.get(target);
                if (d != null) {
                    files.put(link, d);
                }
            });
        }
        return out;
    }

    /** Stores a blob whose digest is learned while reading it. */
    private Descriptor storeUnnamed(InputStream content, long size) throws IOException {
        Path temp = store.newTemp("import");
        try {
            java.security.MessageDigest md = Digest.sha256();
            try (InputStream in = new java.security.DigestInputStream(content, md)) {
                Files.copy(in, temp);
            }
            Digest d = Digest.of(md);
            if (!store.hasBlob(d)) {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                store.moveInto(temp, store.blobPath(d)); // the name is the content's own digest: nothing to mismatch
            }
            return new Descriptor("", d, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
