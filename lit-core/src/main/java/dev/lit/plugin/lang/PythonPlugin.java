package dev.lit.plugin.lang;

import dev.lit.ContainerSpec;
import dev.lit.plugin.LitPlugin;
import dev.lit.plugin.SlimmingRule;
import java.util.List;

/**
 * Python: no bytecode caches written into an optimized container's writable layer
 * ({@code PYTHONDONTWRITEBYTECODE=1} unless set), and pip's download cache as a slimming rule.
 */
public final class PythonPlugin implements LitPlugin {
    @Override
    public String name() {
        return "python";
    }

    @Override
    public ContainerSpec onCreate(ContainerSpec spec) {
        if (!Entrypoints.tuned(spec) || !Entrypoints.program(spec).startsWith("python") || spec.env().containsKey("PYTHONDONTWRITEBYTECODE")) {
            return spec;
        }
        return spec.toBuilder().env("PYTHONDONTWRITEBYTECODE", "1").build();
    }

    @Override
    public List<SlimmingRule> slimmingRules() {
        return List.of(new SlimmingRule("pip-cache", List.of("/root/.cache/pip/**", "/home/*/.cache/pip/**", "/tmp/pip-*"),
                "pip's HTTP and wheel caches: only a later pip install reads them"));
    }
}
