/** Starting the helper with posix_spawn and watching the container's PID 1 through a pidfd. */
@NullMarked
package dev.lit.linux.process;

import org.jspecify.annotations.NullMarked;
