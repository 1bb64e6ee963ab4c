/** Per-container state directories and the cleanup pass for what dead processes left. */
@NullMarked
package dev.lit.linux.state;

import org.jspecify.annotations.NullMarked;
