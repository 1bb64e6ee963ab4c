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

    /** Docker's default confinement: its capabilities, no_new_privs, Lit's seccomp allow list, root in the host's user namespace. */
    public static final Security DEFAULT = new Security(Set.of(), Set.of(), false, true, new Seccomp.Default(),
            UserNamespace.HOST, null, null, null);

    /**
     * Copies the capability sets and checks the user.
     *
     * @throws InvalidSpecException if the user is not numeric
     */
    public Security {
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        if (user != null && !user.matches("\\d+(:\\d+)?")) {
            throw new InvalidSpecException("security.user", "'" + user + "' is not uid or uid:gid (numeric ids; names need an image's /etc/passwd)");
        }
    }

    /**
     * The capabilities the command gets (before a non-root user loses them, unless explicitly added).
     *
     * @return the resulting set
     */
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

        /**
         * A profile in the Docker/OCI JSON format.
         *
         * @param file the profile's JSON file on the host
         */
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

    /**
     * A copy with other added capabilities.
     *
     * @param value the capabilities to add
     * @return the copy
     */
    public Security withCapAdd(Set<Capability> value) {
        return new Security(value, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    /**
     * A copy with other dropped capabilities.
     *
     * @param value the capabilities to drop
     * @param all true to start from none
     * @return the copy
     */
    public Security withCapDrop(Set<Capability> value, boolean all) {
        return new Security(capAdd, value, all, noNewPrivileges, seccomp, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    /**
     * A copy with no_new_privs set or not.
     *
     * @param value true to set it
     * @return the copy
     */
    public Security withNoNewPrivileges(boolean value) {
        return new Security(capAdd, capDrop, dropAll, value, seccomp, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    /**
     * A copy with another seccomp filter.
     *
     * @param value the filter
     * @return the copy
     */
    public Security withSeccomp(Seccomp value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, value, userNamespace, user, apparmorProfile, selinuxLabel);
    }

    /**
     * A copy with another user namespace mode.
     *
     * @param value the mode
     * @return the copy
     */
    public Security withUserNamespace(UserNamespace value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, value, user, apparmorProfile, selinuxLabel);
    }

    /**
     * A copy with another user.
     *
     * @param value "uid" or "uid:gid"; null for root
     * @return the copy
     */
    public Security withUser(@Nullable String value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, value, apparmorProfile, selinuxLabel);
    }

    /**
     * A copy with another AppArmor profile.
     *
     * @param value the profile's name; null for none
     * @return the copy
     */
    public Security withApparmorProfile(@Nullable String value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, user, value, selinuxLabel);
    }

    /**
     * A copy with another SELinux label.
     *
     * @param value the label; null for none
     * @return the copy
     */
    public Security withSelinuxLabel(@Nullable String value) {
        return new Security(capAdd, capDrop, dropAll, noNewPrivileges, seccomp, userNamespace, user, apparmorProfile, value);
    }
}
