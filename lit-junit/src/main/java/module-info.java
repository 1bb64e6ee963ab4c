/**
 * Lit for JUnit Jupiter: {@link dev.lit.junit.LitExtension} gives a test a fresh sandbox (a
 * started {@code Container} or a {@link dev.lit.junit.Sandbox} that starts them) and removes
 * everything after the test, passed or failed.
 */
module dev.lit.junit {
    requires transitive dev.lit.core;
    requires transitive org.junit.jupiter.api;
    requires static org.jspecify;

    exports dev.lit.junit;
}
