/** Named volumes: directories kept under the Lit root that containers mount by name. */
@NullMarked
package dev.lit.linux.volume;

import org.jspecify.annotations.NullMarked;
