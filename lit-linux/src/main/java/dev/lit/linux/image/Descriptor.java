package dev.lit.linux.image;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OCI content descriptor: what a manifest says about a blob it points at.
 *
 * @param mediaType the blob's media type
 * @param digest the blob's digest, checked on download
 * @param size the blob's size in bytes
 * @param urls other places to fetch it from (foreign layers); usually none
 * @param platform the platform, for the entries of an index; null elsewhere
 */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls, @Nullable Platform platform) {
    /** Copies the URL list. */
    public Descriptor {
        urls = List.copyOf(urls);
    }

    /**
     * A descriptor without URLs or platform.
     *
     * @param mediaType the blob's media type
     * @param digest the blob's digest
     * @param size the blob's size in bytes
     */
    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, List.of(), null);
    }

    static Descriptor from(JsonNode n) {
        JsonNode digest = n.path("digest");
        if (!digest.isString()) {
            throw new ImageException("a descriptor without a digest: " + n);
        }
        List<String> urls = new ArrayList<>();
        n.path("urls").forEach(u -> urls.add(u.asString()));
        JsonNode p = n.path("platform");
        Platform platform = p.isObject()
                ? new Platform(p.path("os").asString(""), p.path("architecture").asString(""),
                        p.path("variant").isString() ? p.path("variant").asString() : null)
                : null;
        return new Descriptor(n.path("mediaType").asString(""), Digest.parse(digest.asString()), n.path("size").asLong(-1), urls, platform);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("mediaType", mediaType);
        o.put("digest", digest.toString());
        o.put("size", size);
        return o;
    }
}
