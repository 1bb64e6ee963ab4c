/** Pseudo-terminals for containers and execs, and the host terminal's raw mode and window size for a CLI. */
@NullMarked
package dev.lit.linux.tty;

import org.jspecify.annotations.NullMarked;
