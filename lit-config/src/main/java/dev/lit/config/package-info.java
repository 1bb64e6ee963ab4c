/**
 * Reads lit.yml files onto {@link dev.lit.Container#builder()}. Start with
 * {@link dev.lit.config.LitFile#load(java.nio.file.Path)}; every bad input is a
 * {@link dev.lit.config.LitFileException} naming the file, line and column.
 */
@NullMarked
package dev.lit.config;

import org.jspecify.annotations.NullMarked;
