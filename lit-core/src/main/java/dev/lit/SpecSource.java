package dev.lit;

/**
 * Anything that yields a container spec: the spec itself, its builder, or a config file
 * such as lit-config's {@code LitFile}, so {@code Lit.run(LitFile.load(path))} reads as it should.
 */
@FunctionalInterface
public interface SpecSource {
    ContainerSpec spec();
}
