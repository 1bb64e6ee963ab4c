package dev.lit.linux.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of the store's tag index: a reference and the manifest, config and layers it
 * resolved to when it was pulled.
 *
 * @param reference the canonical reference (or offline source) the image was pulled as
 * @param layers    bottom first: each compressed blob with its diff ID
 * @param manifest the manifest's digest
 * @param manifestMediaType the manifest's media type
 * @param config the config blob's digest
 * @param pulled when it was pulled or imported
 */
public record ImageRecord(String reference, Digest manifest, String manifestMediaType, Digest config, List<Layer> layers, Instant pulled) {

    /**
     * A layer: the blob as distributed and the digest of its uncompressed tar.
     *
     * @param blob the compressed blob's descriptor
     * @param diffId the digest of the uncompressed tar
     */
    public record Layer(Descriptor blob, Digest diffId) {
    }

    /** Copies the layer list. */
    public ImageRecord {
        layers = List.copyOf(layers);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("reference", reference);
        o.put("manifest", manifest.toString());
        o.put("manifestMediaType", manifestMediaType);
        o.put("config", config.toString());
        ArrayNode ls = o.putArray("layers");
        for (Layer l : layers) {
            ObjectNode n = l.blob().toJson();
            n.put("diffId", l.diffId().toString());
            ls.add(n);
        }
        o.put("pulled", pulled.toString());
        return o;
    }

    static ImageRecord fromJson(JsonNode n) {
        List<Layer> layers = new ArrayList<>();
        n.path("layers").forEach(l -> layers.add(new Layer(Descriptor.from(l), Digest.parse(l.path("diffId").asString()))));
        return new ImageRecord(n.path("reference").asString(), Digest.parse(n.path("manifest").asString()),
                n.path("manifestMediaType").asString(MediaTypes.OCI_MANIFEST),
                Digest.parse(n.path("config").asString()), layers, Instant.parse(n.path("pulled").asString()));
    }
}
