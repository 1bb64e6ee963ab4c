/**
 * seccomp without libseccomp: {@link dev.lit.linux.seccomp.SeccompProfile} models a system
 * call filter (Lit's default, {@code unconfined}, or a Docker/OCI JSON profile) and
 * {@link dev.lit.linux.seccomp.SeccompCompiler} turns it into the classic BPF program that
 * {@code prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ...)} installs.
 */
@NullMarked
package dev.lit.linux.seccomp;

import org.jspecify.annotations.NullMarked;
