package dev.lit.plugin.lang;

import dev.lit.plugin.LitPlugin;
import dev.lit.plugin.SlimmingRule;
import java.util.List;

/** Node: npm's and yarn's package caches as slimming rules (installed node_modules stay). */
public final class NodePlugin implements LitPlugin {
    @Override
    public String name() {
        return "node";
    }

    @Override
    public List<SlimmingRule> slimmingRules() {
        return List.of(new SlimmingRule("npm-cache", List.of("/root/.npm/_cacache/**", "/home/*/.npm/_cacache/**", "/root/.npm/_logs/**",
                        "/usr/local/share/.cache/yarn/**", "/tmp/npm-*"),
                "npm's content cache and logs, yarn's cache: only a later install reads them"));
    }
}
