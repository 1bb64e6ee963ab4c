package dev.lit.linux.security;

import dev.lit.InvalidSpecException;
import dev.lit.Security;
import dev.lit.linux.seccomp.SeccompCompiler;
import dev.lit.linux.seccomp.SeccompProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns the spec's seccomp choice into the BPF program the helper installs. The default
 * profile's program depends only on the container's capabilities, so it is compiled once per
 * capability set and reused: starting a container does not pay for the compiler.
 */
public final class SeccompPolicies {
    private static final System.Logger LOG = System.getLogger("dev.lit.linux");
    private static final Map<Set<String>, byte[]> DEFAULT_PROGRAMS = new ConcurrentHashMap<>();

    private SeccompPolicies() {
    }

    /** The program for this container, or null for no filter. */
    public static byte @Nullable [] program(Security security) {
        Set<String> caps = SeccompCompiler.capabilityNames(security.capabilities());
        return switch (security.seccomp()) {
            case Security.Seccomp.Unconfined u -> null;
            case Security.Seccomp.Default d -> DEFAULT_PROGRAMS.computeIfAbsent(caps,
                    c -> SeccompCompiler.compile(SeccompProfile.defaultProfile(), c));
            case Security.Seccomp.Profile p -> {
                String json;
                try {
                    json = Files.readString(p.file());
                } catch (IOException e) {
                    throw new InvalidSpecException("security.seccomp", "cannot read the profile " + p.file() + ": " + e.getMessage());
                }
                SeccompProfile profile;
                try {
                    profile = SeccompProfile.parse(json);
                } catch (InvalidSpecException e) {
                    throw new InvalidSpecException("security.seccomp", p.file() + ": " + e.reason());
                }
                SeccompCompiler.Program program = SeccompCompiler.compile(profile, caps, SeccompCompiler.Target.host());
                program.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, p.file() + ": " + w));
                yield program.length() == 0 ? null : program.code();
            }
        };
    }
}
