/**
 * Testcontainers' habits on Lit: {@link dev.lit.testcontainers.LitContainer} with the fluent
 * API Testcontainers users know, and {@link dev.lit.testcontainers.LitWait} strategies that
 * decide when a started container is ready.
 */
@NullMarked
package dev.lit.testcontainers;

import org.jspecify.annotations.NullMarked;
