/** The Linux container runtime and its container handle. */
@NullMarked
package dev.lit.linux;

import org.jspecify.annotations.NullMarked;
