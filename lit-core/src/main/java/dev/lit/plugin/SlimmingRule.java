package dev.lit.plugin;

import java.util.List;

/**
 * Paths an image slimmer may drop from an image, with why it is safe.
 *
 * @param name  a short name, such as "apt-lists"
 * @param globs absolute glob patterns inside the image ({@code /var/lib/apt/lists/*}); {@code **} crosses directories
 * @param why   why removing them does not change what the image does
 */
public record SlimmingRule(String name, List<String> globs, String why) {
    /**
     * Copies the globs and checks them.
     *
     * @throws IllegalArgumentException if there is none, or one is not absolute
     */
    public SlimmingRule {
        globs = List.copyOf(globs);
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("slimming rule " + name + " has no paths");
        }
        for (String g : globs) {
            if (!g.startsWith("/")) {
                throw new IllegalArgumentException("slimming rule " + name + ": '" + g + "' is not an absolute path");
            }
        }
    }
}
