/** Confinement: capabilities, the user the command runs as, no_new_privs, seccomp and Linux security modules. */
@NullMarked
package dev.lit.linux.security;

import org.jspecify.annotations.NullMarked;
