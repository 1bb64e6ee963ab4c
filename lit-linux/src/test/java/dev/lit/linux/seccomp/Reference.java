package dev.lit.linux.seccomp;

import dev.lit.linux.seccomp.SeccompProfile.Action;
import dev.lit.linux.seccomp.SeccompProfile.ArgCondition;
import dev.lit.linux.seccomp.SeccompProfile.Filter;
import dev.lit.linux.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a filter should answer, computed straight from the profile without BPF: the
 * compiled program must agree with it on every number and argument tried.
 */
final class Reference {

    private Reference() {
    }

    /** Per filter, capabilities, target and ABI: the applicable rules of each number, and the highest numbers named. */
    private record Index(Map<Long, List<Rule>> rules, long maxKnown, long maxShared) {
    }

    private static final Map<List<Object>, Index> INDEXES = new HashMap<>();

    private static Index index(Filter filter, Set<String> capabilities, SeccompCompiler.Target target, Arch abi) {
        return INDEXES.computeIfAbsent(List.of(filter, capabilities, target, abi), k -> {
            SyscallTable table = abi.syscalls();
            long maxKnown = -1;
            long maxShared = -1;
            Map<Long, List<Rule>> rules = new HashMap<>();
            for (Rule rule : filter.rules()) {
                for (String name : rule.names()) {
                    OptionalInt number = table.number(name);
                    if (number.isEmpty()) {
                        continue;
                    }
                    long known = Integer.toUnsignedLong(number.getAsInt());
                    maxKnown = Math.max(maxKnown, known);
                    if (abi == Arch.X32 && known < 0x4000_0200L) {
                        maxShared = Math.max(maxShared, known);
                    }
                    List<Rule> list = rules.computeIfAbsent(known, x -> new ArrayList<>());
                    if (rule.appliesTo(capabilities, target) && !list.contains(rule)) {
                        list.add(rule);
                    }
                }
            }
            return new Index(rules, maxKnown, maxShared);
        });
    }

    static int expected(Filter filter, Set<String> caps, SeccompCompiler.Target target, Arch abi, int nr, long... args) {
        Set<String> capabilities = caps.stream().map(SeccompProfile::capabilityName).collect(Collectors.toSet());
        if (!filter.architecturesFor(target.arch()).contains(abi) || !abi.supported()) {
            return Bpf.KILL_PROCESS;
        }
        long n = Integer.toUnsignedLong(nr);
        Index index = index(filter, capabilities, target, abi);
        long maxKnown = index.maxKnown();
        long maxShared = index.maxShared();
        List<Rule> matching = index.rules().getOrDefault(n, List.of());
        Action fallback = filter.defaultAction();
        if (matching.isEmpty()) {
            boolean permissive = fallback instanceof Action.Allow || fallback instanceof Action.Log;
            if (!permissive && maxKnown >= 0 && n > maxKnown) {
                return Bpf.ENOSYS;
            }
            if (!permissive && abi == Arch.X32 && maxShared >= 0 && n > maxShared && n < 0x4000_0200L) {
                return Bpf.ENOSYS;
            }
            return fallback.ret();
        }
        for (Rule rule : matching) {
            if (rule.conditions().isEmpty()) {
                fallback = rule.action();
                break;
            }
        }
        for (Rule rule : matching) {
            if (!rule.conditions().isEmpty() && rule.action().ret() != fallback.ret() && holds(rule, abi, args)) {
                return rule.action().ret();
            }
        }
        return fallback.ret();
    }

    private static boolean holds(Rule rule, Arch abi, long[] args) {
        for (ArgCondition c : rule.conditions()) {
            long a = c.index() < args.length ? args[c.index()] : 0;
            if (!abi.args64()) {
                a &= 0xffff_ffffL;
            }
            int cmp = Long.compareUnsigned(a, c.value());
            boolean ok = switch (c.op()) {
                case EQUAL_TO -> cmp == 0;
                case NOT_EQUAL -> cmp != 0;
                case LESS_THAN -> cmp < 0;
                case LESS_EQUAL -> cmp <= 0;
                case GREATER_THAN -> cmp > 0;
                case GREATER_EQUAL -> cmp >= 0;
                case MASKED_EQUAL -> (a & c.value()) == c.valueTwo();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
