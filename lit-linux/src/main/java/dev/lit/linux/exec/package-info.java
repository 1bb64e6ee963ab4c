/** Exec into a running container: the plan that joins its namespaces and cgroups, and the process handle. */
@NullMarked
package dev.lit.linux.exec;

import org.jspecify.annotations.NullMarked;
