/** Runnable examples of Lit's API: a lit.yml run from Java, an embedded sandbox, and a plugin. */
module dev.lit.examples {
    requires dev.lit.core;
    requires dev.lit.config;
    requires static org.jspecify;

    exports dev.lit.examples.plugin;

    provides dev.lit.plugin.LitPlugin with dev.lit.examples.plugin.AuditPlugin;
}
