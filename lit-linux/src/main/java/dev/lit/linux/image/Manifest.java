package dev.lit.linux.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An image manifest or an index (manifest list), OCI or Docker schema 2. */
public sealed interface Manifest {

    /**
     * An OCI index or Docker manifest list: one manifest per platform.
     *
     * @param mediaType the index's media type
     * @param manifests one descriptor per platform
     */
    record Index(String mediaType, List<Descriptor> manifests) implements Manifest {
        /** Copies the descriptor list. */
        public Index {
            manifests = List.copyOf(manifests);
        }

        /**
         * The best manifest for {@code platform}, or an error listing what the index offers.
         *
         * @param platform the platform wanted
         * @param what the image, for the error message
         * @return the manifest's descriptor
         * @throws ImageException if no entry fits the platform
         */
        public Descriptor select(Platform platform, String what) {
            Descriptor best = null;
            int bestScore = -1;
            for (Descriptor d : manifests) {
                if (d.platform() == null) {
                    continue;
                }
                int score = platform.score(d.platform());
                if (score > bestScore) {
                    best = d;
                    bestScore = score;
                }
            }
            if (best == null) {
                List<String> offered = new ArrayList<>();
                manifests.forEach(d -> offered.add(String.valueOf(d.platform())));
                throw new ImageException(what + " has no image for " + platform + " (it has " + String.join(", ", offered) + ")");
            }
            return best;
        }
    }

    /**
     * A single image: its config and layers, bottom first.
     *
     * @param mediaType the manifest's media type
     * @param config the config blob
     * @param layers the layer blobs, bottom first
     */
    record Image(String mediaType, Descriptor config, List<Descriptor> layers) implements Manifest {
        /** Copies the layer list. */
        public Image {
            layers = List.copyOf(layers);
        }
    }

    /**
     * Parses a manifest; the media type comes from the document, else from the HTTP Content-Type.
     *
     * @param json the document
     * @param contentType the HTTP Content-Type, or null
     * @return the manifest or index
     * @throws ImageException if it is not a manifest Lit reads
     */
    static Manifest parse(byte[] json, @Nullable String contentType) {
        JsonNode tree;
        try {
            tree = JsonMapper.shared().readTree(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ImageException("the manifest is not valid JSON: " + e.getMessage(), e);
        }
        String mediaType = tree.path("mediaType").asString("");
        if (mediaType.isEmpty() && contentType != null) {
            mediaType = contentType.split(";")[0].strip();
        }
        if (tree.path("schemaVersion").asInt(0) == 1) {
            throw new ImageException("Docker schema 1 manifests are not supported (deprecated since 2017)");
        }
        if (MediaTypes.INDEXES.contains(mediaType) || (mediaType.isEmpty() && tree.has("manifests"))) {
            List<Descriptor> list = new ArrayList<>();
            tree.path("manifests").forEach(m -> list.add(Descriptor.from(m)));
            return new Index(mediaType.isEmpty() ? MediaTypes.OCI_INDEX : mediaType, list);
        }
        if (MediaTypes.MANIFESTS.contains(mediaType) || (mediaType.isEmpty() && tree.has("config"))) {
            List<Descriptor> layers = new ArrayList<>();
            tree.path("layers").forEach(l -> layers.add(Descriptor.from(l)));
            return new Image(mediaType.isEmpty() ? MediaTypes.OCI_MANIFEST : mediaType, Descriptor.from(tree.path("config")), layers);
        }
        throw new ImageException("unsupported manifest media type '" + mediaType + "'");
    }
}
