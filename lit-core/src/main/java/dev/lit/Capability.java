package dev.lit;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capabilities, with their numbers (linux/capability.h). Each constant is the capability
 * {@code CAP_<name>} of capabilities(7).
 */
@SuppressWarnings("doclint:missing") // the constants are capabilities(7)'s names; a comment each would repeat the man page
public enum Capability {
    CHOWN(0), DAC_OVERRIDE(1), DAC_READ_SEARCH(2), FOWNER(3), FSETID(4), KILL(5), SETGID(6), SETUID(7),
    SETPCAP(8), LINUX_IMMUTABLE(9), NET_BIND_SERVICE(10), NET_BROADCAST(11), NET_ADMIN(12), NET_RAW(13),
    IPC_LOCK(14), IPC_OWNER(15), SYS_MODULE(16), SYS_RAWIO(17), SYS_CHROOT(18), SYS_PTRACE(19), SYS_PACCT(20),
    SYS_ADMIN(21), SYS_BOOT(22), SYS_NICE(23), SYS_RESOURCE(24), SYS_TIME(25), SYS_TTY_CONFIG(26), MKNOD(27),
    LEASE(28), AUDIT_WRITE(29), AUDIT_CONTROL(30), SETFCAP(31), MAC_OVERRIDE(32), MAC_ADMIN(33), SYSLOG(34),
    WAKE_ALARM(35), BLOCK_SUSPEND(36), AUDIT_READ(37), PERFMON(38), BPF(39), CHECKPOINT_RESTORE(40);

    /** The 14 capabilities a Docker container gets by default, and a Lit container too. */
    public static final Set<Capability> DEFAULTS = Set.copyOf(EnumSet.of(CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD,
            NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE));

    private final int number;

    Capability(int number) {
        this.number = number;
    }

    /**
     * The capability's bit number in the kernel's masks.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * Reads "NET_ADMIN", "CAP_NET_ADMIN" or "net_admin".
     *
     * @param text the name, with or without CAP_, any case
     * @return the capability
     * @throws IllegalArgumentException if it names no capability
     */
    public static Capability parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        try {
            return valueOf(t.startsWith("CAP_") ? t.substring(4) : t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a Linux capability such as NET_ADMIN or SYS_PTRACE");
        }
    }

    /**
     * The kernel's 64-bit mask of a set.
     *
     * @param caps the capabilities
     * @return the mask, bit {@link #number()} set for each
     */
    public static long mask(Set<Capability> caps) {
        long mask = 0;
        for (Capability c : caps) {
            mask |= 1L << c.number;
        }
        return mask;
    }
}
