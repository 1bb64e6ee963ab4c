/** Container resource statistics from cgroup files (v2 or v1) and the container's network namespace. */
@NullMarked
package dev.lit.linux.stats;

import org.jspecify.annotations.NullMarked;
