package dev.lit;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a container is confined. The default is at least as tight as Docker's: Docker's 14
 * capabilities, no_new_privs, a seccomp allow list, masked and read-only kernel paths.
 *
 * @param capAdd          capabilities added to the default set
 * @param capDrop         capabilities removed from it ({@code ALL} via {@link #dropAll})
 * @param dropAll         start from no capability at all, then add {@code capAdd}
 * @param noNewPrivileges set no_new_privs, so setuid binaries and file capabilities grant nothing
 * @param seccomp         the system call filter
 * @param userNamespace   whether root's containers get a user namespace of their own
 * @param user            the user the command runs as: "uid", "uid:gid", or null for root
 * @param apparmorProfile an AppArmor profile to apply; an error on a host without AppArmor
 * @param selinuxLabel    an SELinux process label; an error on a host without SELinux
 */
public record Security(Set<Capability> capAdd, Set<Capability> capDrop, boolean dropAll, boolean noNewPrivileges,
                       Seccomp seccomp, UserNamespace userNamespace, @Nullable String user,
                       @Nullable String apparmorProfile, @Nullable String selinuxLabel) {

    public static final Security DEFAULT = new Security(Set.of(), Set.of(), false, true, new Seccomp.Default(),
            UserNamespace.HOST, null, null, null);

    public Security {
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        if (user != null && !user.matches("\\d+(:\\d+)?")) {
            throw new InvalidSpecException("security.user", "'" + user + "' is not uid or uid:gid (numeric ids; names need an image's /etc/passwd)");
        }
    }

    /** The capabilities the command gets (before a non-root user loses them, unless explicitly added). */
    public Set<Capability> capabilities() {
        Set<Capability> caps = dropAll ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(Capability.DEFAULTS);
        caps.removeAll(capDrop);
        caps.addAll(capAdd);
        return caps;
    }

    /** The system call filter. */
    public sealed interface Seccomp {
        /** Lit's default profile, equivalent in effect to Docker's. */
        record Default() implements Seccomp {
        }

        /** No filter. */
        record Unconfined() implements Seccomp {
        }

        /** A profile in the Docker/OCI JSON format. */
        record Profile(Path file) implements Seccomp {
        }
    }

    /** Whether root's containers run in a user namespace (non-root users' containers always do). */
    public enum UserNamespace {
        /** No user namespace: root inside is root outside, confined by capabilities and seccomp (Docker's default). */
        HOST,
        /** A private range of 65536 host ids per container, as {@code podman --userns=auto}. */
        AUTO
    }

    public Security withCapAdd(Set<Capability> value) {
        return new Security(value, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    public Security withCapDrop(Set<Capability> value, boolean all) {
        return new Security(capAdd, value, all, noNewPrivileges, seccomp, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    public Security withNoNewPrivileges(boolean value) {
        return new Security(capAdd, capDrop, dropAll, value, seccomp, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    public Security withSeccomp(Seccomp value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, value, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    public Security withUserNamespace(UserNamespace value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, value, user, apparmorProfile, selinuxLabel);
    }

    public Security withUser(@Nullable String value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, value, apparmorProfile, selinuxLabel);
    }

    public Security withApparmorProfile(@Nullable String value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, user, value, selinuxLabel);
    }

    public Security withSelinuxLabel(@Nullable String value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, user, apparmorProfile, value);
    }
}
