/**
 * Lit's public API: immutable container specs, their validating builder, the
 * {@link dev.lit.Container} handle and the {@link dev.lit.spi.ContainerRuntime} SPI
 * through which a platform implementation (lit-linux) is found.
 */
module dev.lit.core {
    requires static transitive org.jspecify;

    exports dev.lit;
    exports dev.lit.compose;
    exports dev.lit.spi;

    uses dev.lit.spi.ContainerRuntime;
}
