package dev.lit.linux.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes OCI image layouts for tests: blobs, configs, manifests and an index.json. */
final class OciLayoutWriter {
    enum Compression { NONE, GZIP, ZSTD }

    record Layer(byte[] tar, Compression compression) {
    }

    record Entry(Descriptor manifest, Platform platform, String tag) {
    }

    private final Path dir;
    private final List<Entry> entries = new ArrayList<>();

    OciLayoutWriter(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    Path dir() {
        return dir;
    }

    Descriptor blob(String mediaType, byte[] content) throws IOException {
        Digest d = Digest.of(content);
        Files.write(dir.resolve("blobs/sha256").resolve(d.hex()), content);
        return new Descriptor(mediaType, d, content.length);
    }

    /** Writes an image; {@code container} is the config's "config" object. Returns the manifest descriptor. */
    Descriptor image(List<Layer> layers, ObjectNode container, Platform platform, String tag) throws IOException {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("architecture", platform.architecture());
        if (platform.variant() != null) {
            config.put("variant", platform.variant());
        }
        config.put("os", platform.os());
        config.set("config", container);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        ArrayNode layerArray = JsonNodeFactory.instance.arrayNode();
        for (Layer l : layers) {
            diffIds.add(Digest.of(l.tar()).toString());
            byte[] content = switch (l.compression()) {
                case NONE -> l.tar();
                case GZIP -> TarBuilder.gzip(l.tar());
                case ZSTD -> TarBuilder.zstd(l.tar());
            };
            String type = switch (l.compression()) {
                case NONE -> MediaTypes.OCI_LAYER;
                case GZIP -> MediaTypes.OCI_LAYER_GZIP;
                case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            };
            layerArray.add(blob(type, content).toJson());
        }
        Descriptor cfg = blob(MediaTypes.OCI_CONFIG, config.toString().getBytes(StandardCharsets.UTF_8));
        manifest.set("config", cfg.toJson());
        manifest.set("layers", layerArray);
        Descriptor m = blob(MediaTypes.OCI_MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
        entries.add(new Entry(m, platform, tag));
        return m;
    }

    /** Writes an image index (manifest list) blob over the given manifests; returns its descriptor. */
    Descriptor indexBlob(List<Entry> manifests) throws IOException {
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        for (Entry e : manifests) {
            ObjectNode d = e.manifest().toJson();
            ObjectNode p = d.putObject("platform");
            p.put("architecture", e.platform().architecture());
            p.put("os", e.platform().os());
            if (e.platform().variant() != null) {
                p.put("variant", e.platform().variant());
            }
            list.add(d);
        }
        return blob(MediaTypes.OCI_INDEX, index.toString().getBytes(StandardCharsets.UTF_8));
    }

    List<Entry> entries() {
        return entries;
    }

    /** Writes index.json naming each entry by its tag. */
    void writeIndex(List<Entry> named) throws IOException {
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        index.put("schemaVersion", 2);
        ArrayNode list = index.putArray("manifests");
        for (Entry e : named) {
            ObjectNode d = e.manifest().toJson();
            d.putObject("annotations").put("org.opencontainers.image.ref.name", e.tag());
            list.add(d);
        }
        Files.writeString(dir.resolve("index.json"), index.toString());
    }
}
