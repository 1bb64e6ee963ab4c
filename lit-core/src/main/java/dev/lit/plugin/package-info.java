/**
 * Lit's plugin SPI: {@link dev.lit.plugin.LitPlugin}s found through {@link java.util.ServiceLoader}
 * get hooks at a container's create, start, stop and exit, see the memory tuner's decisions, and
 * contribute image slimming rules. {@link dev.lit.plugin.Plugins} is what a runtime calls them through.
 */
@NullMarked
package dev.lit.plugin;

import org.jspecify.annotations.NullMarked;
