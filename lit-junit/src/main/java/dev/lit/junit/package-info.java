/**
 * A JUnit Jupiter extension for harnesses that spawn sandboxes: {@link dev.lit.junit.LitExtension},
 * configured per field or parameter by {@link dev.lit.junit.LitSandbox}.
 */
@NullMarked
package dev.lit.junit;

import org.jspecify.annotations.NullMarked;
