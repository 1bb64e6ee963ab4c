/**
 * Detached containers: what Lit records for them beside the state file, what their monitor
 * (the helper in monitor mode) reports, and the handles any JVM can take on them.
 */
@NullMarked
package dev.lit.linux.monitor;

import org.jspecify.annotations.NullMarked;
