package dev.lit.plugin.lang;

import dev.lit.plugin.LitPlugin;
import dev.lit.plugin.SlimmingRule;
import java.util.List;

/** apt, apk and dnf leftovers as slimming rules: package indexes and downloaded archives. */
public final class OsPackagesPlugin implements LitPlugin {
    @Override
    public String name() {
        return "os-packages";
    }

    @Override
    public List<SlimmingRule> slimmingRules() {
        return List.of(
                new SlimmingRule("apt-lists", List.of("/var/lib/apt/lists/*"), "package indexes: apt-get update fetches them again"),
                new SlimmingRule("apt-archives", List.of("/var/cache/apt/archives/*.deb", "/var/cache/apt/*.bin"),
                        "downloaded .debs (already installed) and apt's binary caches, rebuilt on demand"),
                new SlimmingRule("apk-cache", List.of("/var/cache/apk/*"), "Alpine's package index cache"),
                new SlimmingRule("dnf-cache", List.of("/var/cache/dnf/**", "/var/cache/yum/**"), "dnf and yum metadata and package caches"));
    }
}
