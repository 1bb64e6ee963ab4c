package dev.lit.config;

import dev.lit.Container;
import dev.lit.InvalidSpecException;
import java.util.List;

/**
 * Splits a {@code command:} string into words exactly as the builder splits an entrypoint
 * string (quotes work, no expansions), by letting it do so: lit-core keeps its splitter private.
 */
final class ShellWords {
    private static final String PROBE = "lit-split";

    private ShellWords() {
    }

    static List<String> split(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        try {
            List<String> words = Container.builder().entrypoint(PROBE + " " + text).build().entrypoint();
            return words.subList(1, words.size());
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException("command", e.reason().replace(PROBE + " " + text, text));
        }
    }
}
