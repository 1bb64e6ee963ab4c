/** The service interface a platform implements so that {@link dev.lit.Lit} can find it. */
@NullMarked
package dev.lit.spi;

import org.jspecify.annotations.NullMarked;
