/**
 * lit.yml files: {@link dev.lit.config.LitFile} reads one onto the container builder of
 * lit-core, reporting every mistake with its file, line and column.
 */
module dev.lit.config {
    requires transitive dev.lit.core;
    requires static org.jspecify;
    requires tools.jackson.core;
    requires tools.jackson.dataformat.yaml;
    // Jackson's YAML backend; its marks locate syntax errors more precisely than Jackson's own location.
    requires org.snakeyaml.engine;

    exports dev.lit.config;
}
