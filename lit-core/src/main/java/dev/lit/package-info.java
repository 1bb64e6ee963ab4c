/**
 * Lit: run Linux containers from Java. Start with {@link dev.lit.Container#builder()}
 * and {@link dev.lit.Lit#run(dev.lit.ContainerSpec)}.
 */
@NullMarked
package dev.lit;

import org.jspecify.annotations.NullMarked;
