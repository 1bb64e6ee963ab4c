/** cgroup v2 and v1 drivers: one cgroup per container under a Lit parent. */
@NullMarked
package dev.lit.linux.cgroup;

import org.jspecify.annotations.NullMarked;
