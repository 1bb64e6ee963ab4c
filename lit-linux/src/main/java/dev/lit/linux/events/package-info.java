/** Container events: publishers per container and per runtime, and their JDK Flight Recorder form. */
@NullMarked
package dev.lit.linux.events;

import org.jspecify.annotations.NullMarked;
