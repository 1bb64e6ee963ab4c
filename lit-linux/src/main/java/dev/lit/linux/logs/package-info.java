/**
 * Container logs as the monitor writes them: one line per entry,
 * {@code <RFC 3339 time> <stdout|stderr> <F|P> <text>}, in a file rotated at a size cap.
 */
@NullMarked
package dev.lit.linux.logs;

import org.jspecify.annotations.NullMarked;
