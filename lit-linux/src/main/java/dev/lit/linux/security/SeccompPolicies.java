package dev.lit.linux.security;

import dev.lit.Security;
import org.jspecify.annotations.Nullable;

/** Turns the spec's seccomp choice into the BPF program the helper installs. */
public final class SeccompPolicies {
    private SeccompPolicies() {
    }

    /** The program for this container, or null for no filter. */
    public static byte @Nullable [] program(Security security) {
        return switch (security.seccomp()) {
            case Security.Seccomp.Unconfined u -> null;
            case Security.Seccomp.Default d -> null; // TODO(issue 4): the compiled default profile
            case Security.Seccomp.Profile p -> null;
        };
    }
}
