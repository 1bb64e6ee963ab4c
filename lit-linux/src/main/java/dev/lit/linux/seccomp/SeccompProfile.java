package dev.lit.linux.seccomp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A seccomp profile: either {@link Unconfined} (no filter at all) or a {@link Filter}.
 * Lit's default is {@link #defaultProfile()}; {@link #parse(String)} reads the Docker/OCI
 * JSON format. {@link SeccompCompiler} turns a profile into a BPF program.
 */
public sealed interface SeccompProfile permits SeccompProfile.Unconfined, SeccompProfile.Filter {

    /**
     * Lit's default profile: in effect Docker's (see the package's DefaultProfile for the list and its
     * reasons).
     *
     * @return the profile
     */
    static Filter defaultProfile() {
        return DefaultProfile.PROFILE;
    }

    /**
     * No filter: the container's system calls are not filtered (it still lacks capabilities).
     *
     * @return the profile
     */
    static Unconfined unconfined() {
        return new Unconfined();
    }

    /**
     * Reads a profile in the Docker/OCI JSON format: {@code defaultAction},
     * {@code defaultErrnoRet}, {@code architectures} or {@code archMap}, and
     * {@code syscalls[]} with {@code names} (or the old {@code name}), {@code action},
     * {@code errnoRet}, {@code args}, {@code includes} and {@code excludes}
     * ({@code caps}, {@code arches}, {@code minKernel}). As runc does, a rule naming the
     * same argument twice means any of its conditions (each becomes a rule of its own).
     * Syscall names are checked when compiling: unknown ones are skipped with a warning.
     *
     * @throws SeccompProfileException naming the JSON location of the first mistake
     * @param json the profile's text
     * @return the filter
     */
    static Filter parse(String json) {
        return ProfileParser.parse(json);
    }

    /** No system call filter. */
    record Unconfined() implements SeccompProfile {
    }

    /**
     * A filter.
     *
     * @param defaultAction what system calls no rule matches get
     * @param architectures the ABIs the filter accepts besides the host's own ({@code architectures}
     *                      of the JSON); system calls of other ABIs kill the process
     * @param archMap       per host architecture, the ABIs to accept ({@code archMap} of the JSON;
     *                      used instead of {@code architectures} when not empty)
     * @param rules         the rules, in the profile's order
     */
    record Filter(Action defaultAction, List<Arch> architectures, Map<Arch, List<Arch>> archMap, List<Rule> rules)
            implements SeccompProfile {
        /** Copies the lists and the map. */
        public Filter {
            architectures = List.copyOf(architectures);
            Map<Arch, List<Arch>> copy = new LinkedHashMap<>();
            archMap.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            archMap = java.util.Collections.unmodifiableMap(copy);
            rules = List.copyOf(rules);
        }

        /**
         * A filter over the host's architectures only.
         *
         * @param defaultAction what system calls no rule matches get
         * @param rules the rules, in order
         */
        public Filter(Action defaultAction, List<Rule> rules) {
            this(defaultAction, List.of(), Map.of(), rules);
        }

        /**
         * The ABIs this filter accepts on a host of {@code nativeArch}: the native one first.
         *
         * @param nativeArch the host's architecture
         * @return the ABIs, native first
         */
        public List<Arch> architecturesFor(Arch nativeArch) {
            List<Arch> result = new ArrayList<>();
            result.add(nativeArch);
            List<Arch> listed = archMap.isEmpty() ? architectures : archMap.getOrDefault(nativeArch, List.of());
            for (Arch a : listed) {
                if (!result.contains(a)) {
                    result.add(a);
                }
            }
            return result;
        }

        /**
         * This filter with one more rule at the end.
         *
         * @param rule the rule
         * @return the new filter
         */
        public Filter withRule(Rule rule) {
            List<Rule> more = new ArrayList<>(rules);
            more.add(rule);
            return new Filter(defaultAction, architectures, archMap, more);
        }
    }

    /**
     * One rule: these system calls get this action when all conditions hold.
     *
     * @param names      system call names (resolved per architecture; a name an architecture lacks is skipped there)
     * @param action     the action
     * @param conditions conditions on the arguments, all of which must hold (empty: always)
     * @param includes   the rule applies only if the container has all these capabilities, runs on one of
     *                   these architectures and a kernel at least this new (each part only if given)
     * @param excludes   the rule does not apply if the container has any of these capabilities, runs on
     *                   one of these architectures, or on a kernel at least this new
     */
    record Rule(List<String> names, Action action, List<ArgCondition> conditions, Selector includes, Selector excludes) {
        /**
         * Copies the lists and checks that the rule names a system call.
         *
         * @throws IllegalArgumentException if it names none
         */
        public Rule {
            names = List.copyOf(names);
            conditions = List.copyOf(conditions);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a seccomp rule needs at least one system call name");
            }
        }

        /**
         * An unconditional rule.
         *
         * @param names system call names
         * @param action the action
         */
        public Rule(List<String> names, Action action) {
            this(names, action, List.of(), Selector.ANY, Selector.ANY);
        }

        /**
         * A rule with argument conditions.
         *
         * @param names system call names
         * @param action the action
         * @param conditions conditions on the arguments, all of which must hold
         */
        public Rule(List<String> names, Action action, List<ArgCondition> conditions) {
            this(names, action, conditions, Selector.ANY, Selector.ANY);
        }

        /**
         * Whether this rule applies to a container with these capabilities (any spelling:
         * "CAP_SYS_ADMIN", "SYS_ADMIN"), on this target.
         *
         * @param capabilities the container's capabilities
         * @param target the host
         * @return true if the includes hold and no exclude does
         */
        public boolean appliesTo(Set<String> capabilities, SeccompCompiler.Target target) {
            if (capabilities.stream().anyMatch(c -> !c.startsWith("CAP_"))) {
                capabilities = capabilities.stream().map(SeccompProfile::capabilityName)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
            }
            if (!includes.capabilities().isEmpty() && !capabilities.containsAll(includes.capabilities())) {
                return false;
            }
            if (!includes.arches().isEmpty() && !includes.matchesArch(target.arch())) {
                return false;
            }
            if (includes.minKernel() != null && target.kernel().compareTo(includes.minKernel()) < 0) {
                return false;
            }
            for (String cap : excludes.capabilities()) {
                if (capabilities.contains(cap)) {
                    return false;
                }
            }
            if (!excludes.arches().isEmpty() && excludes.matchesArch(target.arch())) {
                return false;
            }
            return excludes.minKernel() == null || target.kernel().compareTo(excludes.minKernel()) < 0;
        }
    }

    /**
     * The {@code includes}/{@code excludes} of a Docker profile's rule.
     *
     * @param capabilities capability names, normalised to {@code CAP_SYS_ADMIN} form
     * @param arches       host architectures, as written (Go's {@code amd64} or {@code SCMP_ARCH_X86_64})
     * @param minKernel    a kernel version, or null
     */
    record Selector(Set<String> capabilities, Set<String> arches, @Nullable KernelVersion minKernel) {
        /** No condition: the rule applies everywhere. */
        public static final Selector ANY = new Selector(Set.of(), Set.of(), null);

        /** Normalises the capability names and copies the sets. */
        public Selector {
            capabilities = capabilities.stream().map(SeccompProfile::capabilityName)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            arches = Set.copyOf(arches);
        }

        /**
         * Having all (includes) or any (excludes) of these capabilities.
         *
         * @param caps capability names, either spelling
         * @return the selector
         */
        public static Selector capabilities(String... caps) {
            return new Selector(Set.of(caps), Set.of(), null);
        }

        boolean matchesArch(Arch host) {
            for (String a : arches) {
                if (Arch.parse(a).orElse(null) == host) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A condition on argument {@code index}: {@code arg OP value}, or for
     * {@link Op#MASKED_EQUAL} {@code (arg & value) == valueTwo}. Values are unsigned 64-bit;
     * on 32-bit ABIs (i386) only the low 32 bits of the argument count.
     *
     * @param index the argument, 0 to 5
     * @param op the comparison
     * @param value the operand
     * @param valueTwo the second operand of {@link Op#MASKED_EQUAL}; 0 otherwise
     */
    record ArgCondition(int index, Op op, long value, long valueTwo) {
        /**
         * Checks the argument index.
         *
         * @throws IllegalArgumentException if it is not 0 to 5
         */
        public ArgCondition {
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException("a system call has arguments 0 to 5, not " + index);
            }
        }

        /**
         * A comparison with one operand.
         *
         * @param index the argument, 0 to 5
         * @param op the comparison, not {@link Op#MASKED_EQUAL}
         * @param value the operand
         */
        public ArgCondition(int index, Op op, long value) {
            this(index, op, value, 0);
        }
    }

    /** Comparisons of an argument, all unsigned, as libseccomp's SCMP_CMP_*. */
    enum Op {
        /** {@code arg != value}. */
        NOT_EQUAL("SCMP_CMP_NE"),
        /** {@code arg < value}. */
        LESS_THAN("SCMP_CMP_LT"),
        /** {@code arg <= value}. */
        LESS_EQUAL("SCMP_CMP_LE"),
        /** {@code arg == value}. */
        EQUAL_TO("SCMP_CMP_EQ"),
        /** {@code arg >= value}. */
        GREATER_EQUAL("SCMP_CMP_GE"),
        /** {@code arg > value}. */
        GREATER_THAN("SCMP_CMP_GT"),
        /** {@code (arg & value) == valueTwo}. */
        MASKED_EQUAL("SCMP_CMP_MASKED_EQ");

        private final String scmpName;

        Op(String scmpName) {
            this.scmpName = scmpName;
        }

        /**
         * The name in Docker profiles.
         *
         * @return {@code SCMP_CMP_*}
         */
        public String scmpName() {
            return scmpName;
        }
    }

    /** What a system call gets. */
    sealed interface Action {
        /** The system call runs. */
        Action ALLOW = new Allow();
        /** The whole process is killed. */
        Action KILL_PROCESS = new KillProcess();
        /** The calling thread is killed. */
        Action KILL_THREAD = new KillThread();
        /** SIGSYS is delivered to the thread. */
        Action TRAP = new Trap();
        /** The system call runs and is logged. */
        Action LOG = new Log();

        /**
         * Fail with this errno.
         *
         * @param errno the errno value, 0 to 4095
         * @return the action
         */
        static Action errno(int errno) {
            return new Errno(errno);
        }

        /**
         * The filter's return value, SECCOMP_RET_*.
         *
         * @return the 32-bit return value
         */
        int ret();

        /** The system call runs. */
        record Allow() implements Action {
            public int ret() {
                return 0x7fff_0000;
            }
        }

        /**
         * The system call fails with {@code errno} without running.
         *
         * @param errno the errno value, 0 to 4095
         */
        record Errno(int errno) implements Action {
            /**
             * Checks the range.
             *
             * @throws IllegalArgumentException if it is outside 0 to 4095
             */
            public Errno {
                if (errno < 0 || errno > 4095) {
                    throw new IllegalArgumentException("errno " + errno + " is outside 0..4095");
                }
            }

            public int ret() {
                return 0x0005_0000 | errno;
            }
        }

        /** The whole process is killed (SIGSYS, core dump). */
        record KillProcess() implements Action {
            public int ret() {
                return 0x8000_0000;
            }
        }

        /** The calling thread is killed (libseccomp's SCMP_ACT_KILL). */
        record KillThread() implements Action {
            public int ret() {
                return 0;
            }
        }

        /** SIGSYS is delivered to the thread. */
        record Trap() implements Action {
            public int ret() {
                return 0x0003_0000;
            }
        }

        /**
         * A ptrace tracer is notified, with {@code data} in PTRACE_GETEVENTMSG; without one, ENOSYS.
         *
         * @param data the 16 bits the tracer gets
         */
        record Trace(int data) implements Action {
            /**
             * Checks the range.
             *
             * @throws IllegalArgumentException if it is outside 0 to 65535
             */
            public Trace {
                if (data < 0 || data > 0xffff) {
                    throw new IllegalArgumentException("trace data " + data + " is outside 0..65535");
                }
            }

            public int ret() {
                return 0x7ff0_0000 | data;
            }
        }

        /** The system call runs and is logged. */
        record Log() implements Action {
            public int ret() {
                return 0x7ffc_0000;
            }
        }
    }

    /**
     * "CAP_SYS_ADMIN" for "sys_admin", "SYS_ADMIN" or "CAP_SYS_ADMIN".
     *
     * @param cap the name, any case
     * @return the {@code CAP_} name
     */
    static String capabilityName(String cap) {
        String c = cap.strip().toUpperCase(Locale.ROOT);
        return c.startsWith("CAP_") ? c : "CAP_" + c;
    }
}
