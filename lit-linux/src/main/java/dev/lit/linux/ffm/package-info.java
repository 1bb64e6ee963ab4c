/** libc through the Foreign Function and Memory API, with errno captured and failures named. */
@NullMarked
package dev.lit.linux.ffm;

import org.jspecify.annotations.NullMarked;
