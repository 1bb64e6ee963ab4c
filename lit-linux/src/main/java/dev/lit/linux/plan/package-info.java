/** The plan the native helper executes, and the reports it sends back. */
@NullMarked
package dev.lit.linux.plan;

import org.jspecify.annotations.NullMarked;
