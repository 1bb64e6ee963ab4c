package dev.lit.linux.seccomp;

import dev.lit.linux.seccomp.Assembler.Label;
import dev.lit.linux.seccomp.Assembler.Ret;
import dev.lit.linux.seccomp.SeccompProfile.Action;
import dev.lit.linux.seccomp.SeccompProfile.ArgCondition;
import dev.lit.linux.seccomp.SeccompProfile.Filter;
import dev.lit.linux.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a {@link SeccompProfile} into a classic BPF program for
 * {@code prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)}: the bytes are
 * {@code struct sock_filter[]} ({@code u16 code, u8 jt, u8 jf, u32 k}) in the host's
 * (little-endian) byte order, exactly what {@code sock_fprog.filter} points at.
 *
 * <p>The program checks {@code seccomp_data.arch} first: an ABI the profile does not accept
 * kills the process. For x86_64 the same AUDIT_ARCH also carries x32 calls (numbers with
 * bit 0x40000000): they go to the x32 table when the profile accepts x32, and kill the
 * process otherwise. Then a binary search over sorted ranges of system call numbers (a
 * long allow list costs a handful of comparisons, not one per entry), then the argument
 * checks, on both 32-bit halves of 64-bit arguments. A number above the highest one the
 * profile names for that ABI (a system call newer than the profile) fails with ENOSYS,
 * so the C library falls back to an older call, as runc does; for x32 the same holds
 * below its separate block of x32-only numbers (512 and up).
 */
public final class SeccompCompiler {

    private static final int ENOSYS = 38;
    private static final int X32_OWN_BLOCK = Arch.X32_SYSCALL_BIT + 512;
    private static final long U32 = 0xffff_ffffL;

    private SeccompCompiler() {
    }

    /**
     * Where the filter runs: the host's architecture (which decides the ABIs compiled,
     * {@code archMap} and {@code includes.arches}) and kernel (for {@code minKernel}).
     *
     * @param arch the host's architecture, x86_64 or aarch64
     * @param kernel the host kernel's version
     */
    public record Target(Arch arch, KernelVersion kernel) {
        /**
         * Checks that Lit compiles filters for the architecture.
         *
         * @throws IllegalArgumentException if it does not
         */
        public Target {
            if (!arch.supported() || arch == Arch.X86 || arch == Arch.X32) {
                throw new IllegalArgumentException("seccomp: Lit compiles filters for x86_64 and aarch64 hosts, not " + arch.scmpName());
            }
        }

        /**
         * This JVM's host.
         *
         * @return the target
         */
        public static Target host() {
            return new Target(Arch.host(), KernelVersion.host());
        }
    }

    /**
     * A compiled filter.
     *
     * @param code     {@code struct sock_filter[]}, 8 bytes an instruction; empty for {@link SeccompProfile.Unconfined},
     *                 which means: install no filter
     * @param warnings what was skipped: system call names no table knows, ABIs Lit cannot filter, conflicting rules
     */
    public record Program(byte[] code, List<String> warnings) {
        /** Copies the code and the warnings. */
        public Program {
            code = code.clone();
            warnings = List.copyOf(warnings);
        }

        /**
         * The program's bytes.
         *
         * @return a copy
         */
        @Override
        public byte[] code() {
            return code.clone();
        }

        /**
         * The number of instructions ({@code sock_fprog.len}).
         *
         * @return the instruction count
         */
        public int length() {
            return code.length / 8;
        }

        /**
         * The code as lowercase hex, two digits a byte.
         *
         * @return the hex text
         */
        public String hex() {
            return HexFormat.of().formatHex(code);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Program p && java.util.Arrays.equals(code, p.code) && warnings.equals(p.warnings);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(code) * 31 + warnings.hashCode();
        }

        @Override
        public String toString() {
            return "Program[" + length() + " instructions, " + warnings.size() + " warnings]";
        }
    }

    /**
     * Compiles for this host.
     *
     * @param capabilities the container's (bounding) capabilities, as "CAP_SYS_ADMIN" or "SYS_ADMIN",
     *                     for the profile's {@code includes.caps}/{@code excludes.caps}
     * @return the program; empty for {@link SeccompProfile.Unconfined} (install no filter)
     * @param profile the profile
     */
    public static byte[] compile(SeccompProfile profile, Set<String> capabilities) {
        return compile(profile, capabilities, Target.host()).code();
    }

    /**
     * Compiles for a given host, with the warnings.
     *
     * @param profile the profile
     * @param capabilities the container's capabilities, either spelling
     * @param target the host to compile for
     * @return the program and its warnings
     */
    public static Program compile(SeccompProfile profile, Set<String> capabilities, Target target) {
        return switch (profile) {
            case SeccompProfile.Unconfined u -> new Program(new byte[0], List.of());
            case Filter filter -> new Compilation(filter, capabilities, target).run();
        };
    }

    /**
     * The capability names of lit-core's set, for {@link #compile(SeccompProfile, Set)}.
     *
     * @param capabilities lit-core's {@code Capability} values
     * @return the names, such as {@code CAP_SYS_ADMIN}
     */
    public static Set<String> capabilityNames(Set<? extends Enum<?>> capabilities) {
        return capabilities.stream().map(c -> "CAP_" + c.name()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A readable disassembly, one instruction a line, with seccomp's names for offsets and return values.
     *
     * @param program a program's code
     * @return the text
     */
    public static String describe(byte[] program) {
        return Disassembler.describe(program);
    }

    /** What a system call number leads to in one ABI's dispatch. */
    private sealed interface Outcome permits Simple, Checked {
    }

    /** A return value. */
    private record Simple(int ret) implements Outcome {
    }

    /** Argument checks: the first rule whose conditions all hold decides, else {@code fallback}. */
    private record Checked(int nr, List<Rule> rules, int fallback) implements Outcome {
    }

    /** A range of numbers, inclusive, unsigned in a long. */
    private record Segment(long lo, long hi, Outcome outcome) {
    }

    private static final class Compilation {
        private final Filter filter;
        private final Set<String> capabilities;
        private final Target target;
        private final Set<String> warnings = new LinkedHashSet<>();
        private final Assembler asm = new Assembler();
        private final List<Runnable> blocks = new ArrayList<>();
        private final int badArch = Action.KILL_PROCESS.ret();

        Compilation(Filter filter, Set<String> capabilities, Target target) {
            this.filter = filter;
            this.capabilities = capabilities.stream().map(SeccompProfile::capabilityName).collect(Collectors.toUnmodifiableSet());
            this.target = target;
        }

        Program run() {
            List<Arch> arches = new ArrayList<>();
            for (Arch a : filter.architecturesFor(target.arch())) {
                if (a.supported()) {
                    arches.add(a);
                } else if (target.arch().subArchitectures().contains(a)) {
                    warnings.add(a.scmpName() + " is not supported by Lit's seccomp compiler: its system calls kill the process");
                }
            }
            // Names no table knows at all are skipped (runc does the same) with a warning.
            Set<String> everywhere = new TreeSet<>();
            for (Arch a : Arch.values()) {
                if (a.supported()) {
                    everywhere.addAll(a.syscalls().numbers().keySet());
                }
            }
            for (Rule rule : filter.rules()) {
                for (String name : rule.names()) {
                    if (!everywhere.contains(name) && !OTHER_ARCHES.contains(name)) {
                        warnings.add("unknown system call '" + name + "' skipped");
                    }
                }
            }

            boolean x32 = arches.contains(Arch.X32);
            // seccomp_data.arch: each accepted AUDIT_ARCH gets its section; anything else is killed.
            Map<Integer, Label> sections = new LinkedHashMap<>();
            asm.load(4);
            for (Arch a : arches) {
                if (a != Arch.X32) {
                    Label section = new Label();
                    sections.put(a.auditArch(), section);
                    Label next = new Label();
                    asm.jump(Assembler.JEQ_K, a.auditArch(), section, next);
                    asm.bind(next);
                }
            }
            asm.ret(badArch);
            for (Arch a : arches) {
                if (a == Arch.X32) {
                    continue;
                }
                asm.bind(sections.get(a.auditArch()));
                asm.load(0);
                List<Segment> segments = new ArrayList<>();
                if (a == Arch.X86_64) {
                    segments.addAll(segments(a, 0, Arch.X32_SYSCALL_BIT - 1L));
                    if (x32) {
                        segments.addAll(segments(Arch.X32, Arch.X32_SYSCALL_BIT, U32));
                    } else {
                        segments.add(new Segment(Arch.X32_SYSCALL_BIT, U32, new Simple(badArch)));
                    }
                } else {
                    segments.addAll(segments(a, 0, U32));
                }
                tree(merge(segments), a == Arch.X86_64 && x32 ? null : a);
                for (Runnable block : blocks) {
                    block.run();
                }
                blocks.clear();
            }
            return new Program(asm.assemble(), List.copyOf(warnings));
        }

        /** The outcome of every number of one ABI in [lo, hi]. */
        private List<Segment> segments(Arch arch, long lo, long hi) {
            SyscallTable table = arch.syscalls();
            Map<Integer, List<Rule>> applicable = new TreeMap<>(Integer::compareUnsigned);
            long maxKnown = -1;
            long maxShared = -1;
            for (Rule rule : filter.rules()) {
                boolean applies = rule.appliesTo(capabilities, target);
                for (String name : rule.names()) {
                    OptionalInt nr = table.number(name);
                    if (nr.isEmpty()) {
                        continue;
                    }
                    long n = Integer.toUnsignedLong(nr.getAsInt());
                    maxKnown = Math.max(maxKnown, n);
                    if (arch == Arch.X32 && n < X32_OWN_BLOCK) {
                        maxShared = Math.max(maxShared, n);
                    }
                    if (applies) {
                        applicable.computeIfAbsent(nr.getAsInt(), k -> new ArrayList<>()).add(rule);
                    }
                }
            }
            int defaultRet = filter.defaultAction().ret();
            // ENOSYS for numbers above what the profile names: newer system calls, so libc falls back.
            List<long[]> enosys = new ArrayList<>();
            boolean permissive = filter.defaultAction() instanceof Action.Allow || filter.defaultAction() instanceof Action.Log;
            if (!permissive && maxKnown >= 0) {
                if (arch == Arch.X32 && maxShared >= 0) {
                    enosys.add(new long[] {Math.max(maxShared + 1, lo), X32_OWN_BLOCK - 1L});
                }
                enosys.add(new long[] {Math.max(maxKnown + 1, lo), hi});
            }
            TreeSet<Long> cuts = new TreeSet<>();
            cuts.add(lo);
            for (int nr : applicable.keySet()) {
                long n = Integer.toUnsignedLong(nr);
                if (n >= lo && n <= hi) {
                    cuts.add(n);
                    cuts.add(n + 1);
                }
            }
            for (long[] w : enosys) {
                if (w[0] <= w[1]) {
                    cuts.add(w[0]);
                    cuts.add(w[1] + 1);
                }
            }
            List<Segment> result = new ArrayList<>();
            List<Long> points = cuts.stream().filter(c -> c <= hi).toList();
            for (int i = 0; i < points.size(); i++) {
                long start = points.get(i);
                long end = i + 1 < points.size() ? points.get(i + 1) - 1 : hi;
                Outcome outcome;
                List<Rule> rules = start == end ? applicable.get((int) start) : null;
                if (rules != null) {
                    outcome = outcome(arch, (int) start, rules, defaultRet);
                } else {
                    outcome = new Simple(defaultRet);
                    for (long[] w : enosys) {
                        if (start >= w[0] && start <= w[1]) {
                            outcome = new Simple(Action.errno(ENOSYS).ret());
                        }
                    }
                }
                result.add(new Segment(start, end, outcome));
            }
            return result;
        }

        /**
         * One system call's rules: those with conditions first, in the profile's order (the first
         * whose conditions all hold decides), then the first unconditional rule's action, else the
         * default. Conditional rules with the same action as the fallback are dropped.
         */
        private Outcome outcome(Arch arch, int nr, List<Rule> rules, int defaultRet) {
            Integer unconditional = null;
            List<Rule> checked = new ArrayList<>();
            for (Rule rule : rules) {
                List<ArgCondition> live = new ArrayList<>();
                boolean never = false;
                for (ArgCondition c : rule.conditions()) {
                    Boolean known = Conditions.constant(c, arch.args64());
                    if (known == null) {
                        live.add(c);
                    } else if (!known) {
                        never = true;
                    }
                }
                if (never) {
                    continue;
                }
                if (live.isEmpty()) {
                    int ret = rule.action().ret();
                    if (unconditional == null) {
                        unconditional = ret;
                    } else if (unconditional != ret) {
                        warnings.add(String.join("/", rule.names()) + ": a second unconditional rule ("
                                + rule.action() + ") for a system call that already has one is ignored");
                    }
                } else {
                    checked.add(new Rule(rule.names(), rule.action(), live, rule.includes(), rule.excludes()));
                }
            }
            int fallback = unconditional != null ? unconditional : defaultRet;
            int fb = fallback;
            checked.removeIf(r -> r.action().ret() == fb);
            return checked.isEmpty() ? new Simple(fallback) : new Checked(nr, checked, fallback);
        }

        private static List<Segment> merge(List<Segment> segments) {
            List<Segment> merged = new ArrayList<>();
            for (Segment s : segments) {
                if (!merged.isEmpty()) {
                    Segment last = merged.getLast();
                    if (last.outcome() instanceof Simple a && s.outcome() instanceof Simple b && a.ret() == b.ret()
                            && last.hi() + 1 == s.lo()) {
                        merged.set(merged.size() - 1, new Segment(last.lo(), s.hi(), last.outcome()));
                        continue;
                    }
                }
                merged.add(s);
            }
            return merged;
        }

        /** A balanced binary search over the segments, the accumulator holding the number. */
        private void tree(List<Segment> segments, @Nullable Arch only) {
            if (segments.size() == 1) {
                asm.jump(leaf(segments.getFirst(), only));
            } else {
                node(segments, 0, segments.size() - 1, only);
            }
        }

        private void node(List<Segment> s, int i, int j, @Nullable Arch only) {
            int mid = (i + j + 1) / 2;
            Assembler.Target left = i == mid - 1 ? leaf(s.get(i), only) : new Label();
            Assembler.Target right = mid == j ? leaf(s.get(j), only) : new Label();
            asm.jump(Assembler.JGE_K, (int) s.get(mid).lo(), right, left);
            if (left instanceof Label l && i != mid - 1) {
                asm.bind(l);
                node(s, i, mid - 1, only);
            }
            if (right instanceof Label r && mid != j) {
                asm.bind(r);
                node(s, mid, j, only);
            }
        }

        private Assembler.Target leaf(Segment segment, @Nullable Arch only) {
            return switch (segment.outcome()) {
                case Simple simple -> new Ret(simple.ret());
                case Checked checked -> {
                    Label label = new Label();
                    Arch arch = only != null ? only
                            : Integer.compareUnsigned(checked.nr(), Arch.X32_SYSCALL_BIT) >= 0 ? Arch.X32 : Arch.X86_64;
                    blocks.add(() -> {
                        asm.bind(label);
                        for (Rule rule : checked.rules()) {
                            Label next = new Label();
                            for (ArgCondition c : rule.conditions()) {
                                Label holds = new Label();
                                Conditions.emit(asm, c, arch.args64(), holds, next);
                                asm.bind(holds);
                            }
                            asm.ret(rule.action().ret());
                            asm.bind(next);
                        }
                        asm.ret(checked.fallback());
                    });
                    yield label;
                }
            };
        }
    }

    /** System call names of architectures Lit has no table for, so profiles written for all of them compile quietly. */
    private static final Set<String> OTHER_ARCHES = Set.of(
            "arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint", "cacheflush", "set_tls",
            "usr26", "usr32", "recv", "send", "s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr", "s390_guarded_storage",
            "s390_sthyi", "spu_create", "spu_run", "subpage_prot", "switch_endian", "sys_debug_setcontext", "swapcontext",
            "riscv_flush_icache", "riscv_hwprobe", "sysmips", "rtas", "multiplexer", "timerfd", "utrap_install",
            "atomic_barrier", "atomic_cmpxchg_32", "get_tls", "arc_gettls", "arc_settls", "arc_usr_cmpxchg");

}
