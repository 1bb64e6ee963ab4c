/** The container's root filesystem: overlay layers, copies and the mounts inside it. */
@NullMarked
package dev.lit.linux.rootfs;

import org.jspecify.annotations.NullMarked;
