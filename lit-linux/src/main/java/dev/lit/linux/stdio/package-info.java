/** Connecting a container's standard streams to the caller. */
@NullMarked
package dev.lit.linux.stdio;

import org.jspecify.annotations.NullMarked;
