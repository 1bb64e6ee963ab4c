package dev.lit.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Refuses keys a mapping level does not know, suggesting the key most likely meant. */
final class KeyCheck {
    private KeyCheck() {
    }

    /**
     * @param path  the mapping's place, such as {@code resources}; empty at the top level
     * @param hints known misplacements: a key to the key meant
     */
    static void requireKnown(Node.Mapping mapping, String path, List<String> valid, Map<String, String> hints, Problems problems) {
        for (Node.Entry entry : mapping.entries()) {
            if (!valid.contains(entry.key())) {
                throw problems.at(entry.keyLocation(), unknown(entry.key(), path, valid, hints));
            }
        }
    }

    static void requireKnown(Node.Mapping mapping, String path, List<String> valid, Problems problems) {
        requireKnown(mapping, path, valid, Map.of(), problems);
    }

    static String unknown(String key, String path, List<String> valid, Map<String, String> hints) {
        String where = path.isEmpty() ? "" : " in " + path;
        Optional<String> suggestion = Optional.ofNullable(hints.get(key)).or(() -> DidYouMean.closest(key, valid));
        return "unknown key '" + key + "'" + where + suggestion
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse(" (valid keys: " + String.join(", ", valid) + ")");
    }
}
