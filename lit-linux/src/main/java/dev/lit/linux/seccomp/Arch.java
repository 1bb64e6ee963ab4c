package dev.lit.linux.seccomp;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The architectures a seccomp profile may name, as libseccomp spells them
 * ({@code SCMP_ARCH_X86_64}, ...). Lit has system call tables, and so compiles filters,
 * for {@link #X86_64} with its {@link #X86} (i386) and {@link #X32} views and for
 * {@link #AARCH64}; the others are accepted in profiles and ignored.
 */
@SuppressWarnings("doclint:missing") // the constants are libseccomp's SCMP_ARCH_* names; a comment each would repeat them
public enum Arch {
    X86_64("x86_64", 0xC000_003E, true, "amd64"),
    X86("i386", 0x4000_0003, false, "386"),
    X32("x32", 0xC000_003E, true, "x32"),
    AARCH64("aarch64", 0xC000_00B7, true, "arm64"),
    ARM(null, 0x4000_0028, false, "arm"),
    LOONGARCH64(null, 0, true, "loong64"),
    M68K(null, 0, false, "m68k"),
    MIPS(null, 0, false, "mips"),
    MIPS64(null, 0, true, "mips64"),
    MIPS64N32(null, 0, true, "mips64n32"),
    MIPSEL(null, 0, false, "mipsle"),
    MIPSEL64(null, 0, true, "mips64le"),
    MIPSEL64N32(null, 0, true, "mips64len32"),
    PPC(null, 0, false, "ppc"),
    PPC64(null, 0, true, "ppc64"),
    PPC64LE(null, 0, true, "ppc64le"),
    S390(null, 0, false, "s390"),
    S390X(null, 0, true, "s390x"),
    PARISC(null, 0, false, "parisc"),
    PARISC64(null, 0, true, "parisc64"),
    RISCV64(null, 0, true, "riscv64"),
    SH(null, 0, false, "sh"),
    SHEB(null, 0, false, "sheb");

    /** x32 system calls are x86_64's AUDIT_ARCH with this bit set in the number. */
    public static final int X32_SYSCALL_BIT = 0x4000_0000;

    private final @Nullable String table;
    private final int auditArch;
    private final boolean args64;
    private final String goName;

    Arch(@Nullable String table, int auditArch, boolean args64, String goName) {
        this.table = table;
        this.auditArch = auditArch;
        this.args64 = args64;
        this.goName = goName;
    }

    /**
     * The name in profiles: {@code SCMP_ARCH_X86_64}.
     *
     * @return the name, as {@code SCMP_ARCH_} and the constant's name
     */
    public String scmpName() {
        return "SCMP_ARCH_" + name();
    }

    /**
     * The name Go (and so Docker's {@code includes.arches}) uses: {@code amd64}, {@code arm64}.
     *
     * @return the name
     */
    public String goName() {
        return goName;
    }

    /**
     * {@code seccomp_data.arch} for this ABI (AUDIT_ARCH_*); x32 shares x86_64's. Zero when Lit does not know
     * it.
     *
     * @return the AUDIT_ARCH_* value, or 0
     */
    public int auditArch() {
        return auditArch;
    }

    /**
     * Whether system call arguments are 64 bits wide (false: the upper half is ignored, as libseccomp does).
     *
     * @return true for 64-bit arguments
     */
    public boolean args64() {
        return args64;
    }

    /**
     * Whether Lit has a system call table for this architecture and so can compile filters for it.
     *
     * @return true if filters can be compiled for it
     */
    public boolean supported() {
        return table != null;
    }

    /**
     * The system call table, name to number (x32 numbers include {@link #X32_SYSCALL_BIT}).
     *
     * @return the table
     * @throws UnsupportedOperationException if Lit has no table for it
     */
    public SyscallTable syscalls() {
        if (table == null) {
            throw new UnsupportedOperationException("Lit has no system call table for " + scmpName());
        }
        return SyscallTable.load(table);
    }

    /**
     * The architectures whose programs run natively on a host of this one (the profile's "archMap").
     *
     * @return the other ABIs (i386 and x32 on x86_64, arm on aarch64); empty for the others
     */
    public java.util.List<Arch> subArchitectures() {
        return switch (this) {
            case X86_64 -> java.util.List.of(X86, X32);
            case AARCH64 -> java.util.List.of(ARM);
            default -> java.util.List.of();
        };
    }

    /**
     * Reads {@code SCMP_ARCH_X86_64}, {@code x86_64}, {@code amd64} and the like.
     *
     * @param text the name, any case
     * @return the architecture, or empty if the name is unknown
     */
    public static Optional<Arch> parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("SCMP_ARCH_")) {
            t = t.substring("SCMP_ARCH_".length());
        }
        for (Arch a : values()) {
            if (a.name().equals(t) || a.goName.equalsIgnoreCase(t) || (a.table != null && a.table.equalsIgnoreCase(t))) {
                return Optional.of(a);
            }
        }
        return switch (t) {
            case "I386", "I686", "X86_32" -> Optional.of(X86);
            case "AMD64" -> Optional.of(X86_64);
            case "ARM64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    /**
     * The architecture of this JVM's host, from {@code os.arch}.
     *
     * @return the architecture
     * @throws UnsupportedOperationException if Lit does not know it
     */
    public static Arch host() {
        String os = System.getProperty("os.arch", "");
        return switch (os) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new UnsupportedOperationException("seccomp: Lit has no system call table for host architecture " + os);
        };
    }
}
