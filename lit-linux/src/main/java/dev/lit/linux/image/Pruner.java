package dev.lit.linux.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Removes what no image in the tag index uses: unpacked layers, blobs, and leftovers in
 * {@code tmp/}. A layer still mounted as an overlay lower directory by a running container
 * (seen in any mount namespace's mountinfo) is kept even if no image names it any more.
 */
final class Pruner {
    private final ImageStore store;

    Pruner(ImageStore store) {
        this.store = store;
    }

    PruneResult prune() throws IOException {
        try (StoreLock l = store.lock("index")) {
            Set<String> usedLayers = new HashSet<>();
            Set<String> usedBlobs = new HashSet<>();
            for (ImageRecord r : store.index().values()) {
                usedBlobs.add(r.manifest().hex());
                usedBlobs.add(r.config().hex());
                for (ImageRecord.Layer layer : r.layers()) {
                    usedLayers.add(layer.diffId().shortId());
                    usedBlobs.add(layer.blob().digest().hex());
                }
            }
            Set<String> mounted = MountedLayers.find(store.root().resolve("l"));
            int layers = 0;
            long bytes = 0;
            Map<String, Digest> present = store.layers();
            Set<String> names = new java.util.TreeSet<>();
            try (var list = Files.list(store.root().resolve("l"))) {
                list.forEach(p -> names.add(p.getFileName().toString().replaceFirst("\\.json$", "")));
            }
            for (String name : names) {
                if (usedLayers.contains(name) || mounted.contains(name) || name.equals("empty")) {
                    continue;
                }
                Path dir = store.root().resolve("l").resolve(name);
                bytes += Files.isDirectory(dir) ? Trees.size(dir) : 0;
                layers += present.containsKey(name) ? 1 : 0;
                try (StoreLock ll = store.lock("layer-" + name)) {
                    store.removeLayer(name);
                }
            }
            int blobs = 0;
            try (var list = Files.list(store.root().resolve("blobs/sha256"))) {
                for (Path p : list.toList()) {
                    if (!usedBlobs.contains(p.getFileName().toString())) {
                        bytes += Files.size(p);
                        Files.deleteIfExists(p);
                        blobs++;
                    }
                }
            }
            return new PruneResult(layers, blobs, bytes);
        }
    }
}
