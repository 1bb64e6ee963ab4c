/**
 * Language modules on the plugin SPI: the JVM (heap flags that follow the memory tuner's
 * ceiling), Python and Node (cache rules for image slimming), and the OS package managers.
 * They change a spec only when it asks for optimization ({@code optimize.auto_memory_tune}).
 */
@NullMarked
package dev.lit.plugin.lang;

import org.jspecify.annotations.NullMarked;
