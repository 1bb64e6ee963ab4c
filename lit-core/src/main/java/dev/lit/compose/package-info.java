/**
 * Applications of several containers, as Docker Compose describes them: {@link dev.lit.compose.Application}
 * holds {@link dev.lit.compose.ServiceSpec}s with their dependencies, networks and readiness
 * checks; {@link dev.lit.Lit#up(Application)} starts them in dependency order and returns a
 * {@link dev.lit.compose.RunningApplication} that stops them in reverse.
 *
 * <p>A package of its own because it is a layer over the single-container API: the
 * orchestration uses only {@link dev.lit.spi.ContainerRuntime#start} and the
 * {@link dev.lit.Container} handle, so it is the same on every platform.
 */
@NullMarked
package dev.lit.compose;

import org.jspecify.annotations.NullMarked;
