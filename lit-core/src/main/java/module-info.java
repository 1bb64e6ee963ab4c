/**
 * Lit's public API: immutable container specs, their validating builder, the
 * {@link dev.lit.Container} handle and the {@link dev.lit.spi.ContainerRuntime} SPI
 * through which a platform implementation (lit-linux) is found, and the
 * {@link dev.lit.plugin.LitPlugin} SPI for plugins.
 */
module dev.lit.core {
    requires static transitive org.jspecify;

    exports dev.lit;
    exports dev.lit.compose;
    exports dev.lit.spi;
    exports dev.lit.plugin;

    uses dev.lit.spi.ContainerRuntime;
    uses dev.lit.plugin.LitPlugin;

    provides dev.lit.plugin.LitPlugin with dev.lit.plugin.lang.JvmPlugin, dev.lit.plugin.lang.PythonPlugin,
            dev.lit.plugin.lang.NodePlugin, dev.lit.plugin.lang.OsPackagesPlugin;
}
