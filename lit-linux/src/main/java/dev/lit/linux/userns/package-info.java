/** User namespaces: id maps, private id ranges for root's containers, and rootless mapping. */
@NullMarked
package dev.lit.linux.userns;

import org.jspecify.annotations.NullMarked;
