/** Examples of Lit's API, each a small main class. */
@NullMarked
package dev.lit.examples;

import org.jspecify.annotations.NullMarked;
