/** Runnable examples of Lit's API: a lit.yml run from Java, and an embedded sandbox. */
module dev.lit.examples {
    requires dev.lit.core;
    requires dev.lit.config;
    requires static org.jspecify;
}
