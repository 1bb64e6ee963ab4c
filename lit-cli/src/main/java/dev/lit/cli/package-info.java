/**
 * The {@code lit} command line: {@link dev.lit.cli.Main} wires one picocli command per verb.
 */
@NullMarked
package dev.lit.cli;

import org.jspecify.annotations.NullMarked;
