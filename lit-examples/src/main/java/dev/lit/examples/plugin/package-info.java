/** An example plugin on Lit's plugin SPI ({@link dev.lit.plugin.LitPlugin}). */
@NullMarked
package dev.lit.examples.plugin;

import org.jspecify.annotations.NullMarked;
