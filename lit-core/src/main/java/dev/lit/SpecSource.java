package dev.lit;

/**
 * Anything that yields a container spec: the spec itself, its builder, or a config file
 * such as lit-config's {@code LitFile}, so {@code Lit.run(LitFile.load(path))} reads as it should.
 */
@FunctionalInterface
public interface SpecSource {
    /**
     * The spec this source stands for; a builder or file validates it here.
     *
     * @return the spec
     * @throws InvalidSpecException if it is invalid
     */
    ContainerSpec spec();
}
