package dev.lit.linux.seccomp;

import dev.lit.linux.seccomp.SeccompProfile.Action;
import dev.lit.linux.seccomp.SeccompProfile.ArgCondition;
import dev.lit.linux.seccomp.SeccompProfile.Filter;
import dev.lit.linux.seccomp.SeccompProfile.Op;
import dev.lit.linux.seccomp.SeccompProfile.Rule;
import dev.lit.linux.seccomp.SeccompProfile.Selector;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the Docker/OCI seccomp JSON format; every mistake names its JSON location. */
final class ProfileParser {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final int EPERM = 1;
    private static final Set<String> TOP_LEVEL = Set.of("defaultAction", "defaultErrnoRet", "architectures", "archMap",
            "syscalls", "flags", "listenerPath", "listenerMetadata");
    private static final Set<String> RULE_FIELDS = Set.of("names", "name", "action", "errnoRet", "args", "comment",
            "includes", "excludes");

    private ProfileParser() {
    }

    static Filter parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new SeccompProfileException("", "not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SeccompProfileException("", "a seccomp profile is a JSON object with \"defaultAction\" and \"syscalls\"");
        }
        for (String field : root.propertyNames()) {
            if (!TOP_LEVEL.contains(field)) {
                throw new SeccompProfileException(field, "unknown field (expected one of " + String.join(", ", sorted(TOP_LEVEL)) + ")");
            }
        }
        if (root.hasNonNull("listenerPath")) {
            throw new SeccompProfileException("listenerPath", "seccomp user notification (SCMP_ACT_NOTIFY) is not supported by Lit");
        }
        JsonNode defaultNode = root.get("defaultAction");
        if (defaultNode == null || defaultNode.isNull()) {
            throw new SeccompProfileException("defaultAction", "is missing (for example \"SCMP_ACT_ERRNO\")");
        }
        Integer defaultErrno = optionalInt(root, "defaultErrnoRet", "defaultErrnoRet", 0, 4095);
        Action defaultAction = action(defaultNode, "defaultAction", defaultErrno, "defaultErrnoRet");

        List<Arch> architectures = new ArrayList<>();
        JsonNode archNode = root.get("architectures");
        if (archNode != null && !archNode.isNull()) {
            List<String> names = strings(archNode, "architectures");
            for (int i = 0; i < names.size(); i++) {
                architectures.add(arch(names.get(i), "architectures[" + i + "]"));
            }
        }
        Map<Arch, List<Arch>> archMap = new LinkedHashMap<>();
        JsonNode mapNode = root.get("archMap");
        if (mapNode != null && !mapNode.isNull()) {
            if (!mapNode.isArray()) {
                throw new SeccompProfileException("archMap", "must be a list of {\"architecture\": ..., \"subArchitectures\": [...]}");
            }
            for (int i = 0; i < mapNode.size(); i++) {
                String at = "archMap[" + i + "]";
                JsonNode entry = mapNode.get(i);
                if (!entry.isObject()) {
                    throw new SeccompProfileException(at, "must be an object with \"architecture\" and \"subArchitectures\"");
                }
                JsonNode main = entry.get("architecture");
                if (main == null || !main.isString()) {
                    throw new SeccompProfileException(at + ".architecture", "is missing or not a string");
                }
                Arch arch = arch(main.stringValue(), at + ".architecture");
                List<Arch> subs = new ArrayList<>();
                JsonNode subNode = entry.get("subArchitectures");
                if (subNode != null && !subNode.isNull()) {
                    List<String> names = strings(subNode, at + ".subArchitectures");
                    for (int j = 0; j < names.size(); j++) {
                        subs.add(arch(names.get(j), at + ".subArchitectures[" + j + "]"));
                    }
                }
                archMap.merge(arch, subs, (a, b) -> {
                    List<Arch> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
            }
        }
        if (!architectures.isEmpty() && !archMap.isEmpty()) {
            throw new SeccompProfileException("archMap", "give either \"architectures\" or \"archMap\", not both");
        }
        if (root.hasNonNull("flags")) {
            strings(root.get("flags"), "flags"); // SECCOMP_FILTER_FLAG_*: checked for form; the lead's helper decides.
        }

        List<Rule> rules = new ArrayList<>();
        JsonNode syscalls = root.get("syscalls");
        if (syscalls != null && !syscalls.isNull()) {
            if (!syscalls.isArray()) {
                throw new SeccompProfileException("syscalls", "must be a list of rules");
            }
            for (int i = 0; i < syscalls.size(); i++) {
                rules.addAll(rule(syscalls.get(i), "syscalls[" + i + "]"));
            }
        }
        return new Filter(defaultAction, architectures, archMap, rules);
    }

    private static List<Rule> rule(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new SeccompProfileException(at, "must be an object with \"names\" and \"action\"");
        }
        for (String field : node.propertyNames()) {
            if (!RULE_FIELDS.contains(field)) {
                throw new SeccompProfileException(at + "." + field, "unknown field (expected one of " + String.join(", ", sorted(RULE_FIELDS)) + ")");
            }
        }
        List<String> names = new ArrayList<>();
        if (node.hasNonNull("names")) {
            names.addAll(strings(node.get("names"), at + ".names"));
        }
        if (node.hasNonNull("name")) {
            JsonNode name = node.get("name");
            if (!name.isString()) {
                throw new SeccompProfileException(at + ".name", "must be a string");
            }
            names.add(name.stringValue());
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).matches("[a-z_][a-z0-9_]*")) {
                throw new SeccompProfileException(at + ".names[" + i + "]", "'" + names.get(i) + "' is not a system call name");
            }
        }
        if (names.isEmpty()) {
            throw new SeccompProfileException(at + ".names", "is missing or empty: a rule names at least one system call");
        }
        JsonNode actionNode = node.get("action");
        if (actionNode == null || actionNode.isNull()) {
            throw new SeccompProfileException(at + ".action", "is missing (for example \"SCMP_ACT_ALLOW\")");
        }
        Integer errnoRet = optionalInt(node, "errnoRet", at + ".errnoRet", 0, 65535);
        Action action = action(actionNode, at + ".action", errnoRet, at + ".errnoRet");

        List<ArgCondition> conditions = new ArrayList<>();
        JsonNode args = node.get("args");
        if (args != null && !args.isNull()) {
            if (!args.isArray()) {
                throw new SeccompProfileException(at + ".args", "must be a list of {\"index\", \"value\", \"valueTwo\", \"op\"}");
            }
            for (int i = 0; i < args.size(); i++) {
                conditions.add(condition(args.get(i), at + ".args[" + i + "]"));
            }
        }
        Selector includes = selector(node.get("includes"), at + ".includes");
        Selector excludes = selector(node.get("excludes"), at + ".excludes");

        // runc: when one argument is named twice, each condition becomes a rule of its own (any may match).
        Set<Integer> seen = new HashSet<>();
        boolean repeated = conditions.stream().anyMatch(c -> !seen.add(c.index()));
        if (repeated) {
            List<Rule> split = new ArrayList<>();
            for (ArgCondition c : conditions) {
                split.add(new Rule(names, action, List.of(c), includes, excludes));
            }
            return split;
        }
        return List.of(new Rule(names, action, conditions, includes, excludes));
    }

    private static ArgCondition condition(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new SeccompProfileException(at, "must be an object with \"index\", \"value\", \"valueTwo\" and \"op\"");
        }
        for (String field : node.propertyNames()) {
            if (!Set.of("index", "value", "valueTwo", "op").contains(field)) {
                throw new SeccompProfileException(at + "." + field, "unknown field (expected index, value, valueTwo, op)");
            }
        }
        Integer index = optionalInt(node, "index", at + ".index", 0, 5);
        if (index == null) {
            throw new SeccompProfileException(at + ".index", "is missing (the argument's position, 0 to 5)");
        }
        JsonNode opNode = node.get("op");
        if (opNode == null || !opNode.isString()) {
            throw new SeccompProfileException(at + ".op", "is missing or not a string (for example \"SCMP_CMP_EQ\")");
        }
        Op op = null;
        for (Op o : Op.values()) {
            if (o.scmpName().equals(opNode.stringValue())) {
                op = o;
            }
        }
        if (op == null) {
            throw new SeccompProfileException(at + ".op", "'" + opNode.stringValue() + "' is not a comparison (expected one of "
                    + Arrays.stream(Op.values()).map(Op::scmpName).collect(Collectors.joining(", ")) + ")");
        }
        long value = u64(node.get("value"), at + ".value", op == Op.MASKED_EQUAL ? "the mask" : "the value");
        long valueTwo = node.hasNonNull("valueTwo") ? u64(node.get("valueTwo"), at + ".valueTwo", "") : 0;
        return new ArgCondition(index, op, value, valueTwo);
    }

    private static long u64(@Nullable JsonNode node, String at, String what) {
        if (node == null || node.isNull()) {
            throw new SeccompProfileException(at, "is missing (" + what + ")");
        }
        if (!node.isIntegralNumber()) {
            throw new SeccompProfileException(at, "must be an unsigned integer, not " + node);
        }
        BigInteger v = node.bigIntegerValue();
        if (v.signum() < 0 || v.compareTo(U64_MAX) > 0) {
            throw new SeccompProfileException(at, v + " is outside 0..18446744073709551615");
        }
        return v.longValue();
    }

    private static Selector selector(@Nullable JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return Selector.ANY;
        }
        if (!node.isObject()) {
            throw new SeccompProfileException(at, "must be an object with \"caps\", \"arches\" or \"minKernel\"");
        }
        for (String field : node.propertyNames()) {
            if (!Set.of("caps", "arches", "minKernel").contains(field)) {
                throw new SeccompProfileException(at + "." + field, "unknown field (expected caps, arches, minKernel)");
            }
        }
        Set<String> caps = new LinkedHashSet<>();
        if (node.hasNonNull("caps")) {
            List<String> names = strings(node.get("caps"), at + ".caps");
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).matches("(?i)(CAP_)?[A-Z_]+")) {
                    throw new SeccompProfileException(at + ".caps[" + i + "]", "'" + names.get(i) + "' is not a capability such as CAP_SYS_ADMIN");
                }
                caps.add(names.get(i));
            }
        }
        Set<String> arches = new LinkedHashSet<>();
        if (node.hasNonNull("arches")) {
            List<String> names = strings(node.get("arches"), at + ".arches");
            for (int i = 0; i < names.size(); i++) {
                if (Arch.parse(names.get(i)).isEmpty()) {
                    throw new SeccompProfileException(at + ".arches[" + i + "]", "'" + names.get(i) + "' is not an architecture such as amd64 or arm64");
                }
                arches.add(names.get(i));
            }
        }
        KernelVersion minKernel = null;
        if (node.hasNonNull("minKernel")) {
            JsonNode k = node.get("minKernel");
            try {
                minKernel = KernelVersion.parse(k.isString() ? k.stringValue() : k.toString());
            } catch (IllegalArgumentException e) {
                throw new SeccompProfileException(at + ".minKernel", e.getMessage());
            }
        }
        return new Selector(caps, arches, minKernel);
    }

    private static Action action(JsonNode node, String at, @Nullable Integer errnoRet, String errnoAt) {
        if (!node.isString()) {
            throw new SeccompProfileException(at, "must be a string such as \"SCMP_ACT_ALLOW\"");
        }
        String name = node.stringValue();
        Action action = switch (name) {
            case "SCMP_ACT_ALLOW" -> Action.ALLOW;
            case "SCMP_ACT_ERRNO" -> new Action.Errno(errnoRet == null ? EPERM : errnoRet);
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> Action.KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> Action.KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> Action.TRAP;
            case "SCMP_ACT_TRACE" -> new Action.Trace(errnoRet == null ? EPERM : errnoRet);
            case "SCMP_ACT_LOG" -> Action.LOG;
            case "SCMP_ACT_NOTIFY" -> throw new SeccompProfileException(at, "SCMP_ACT_NOTIFY (user notification) is not supported by Lit");
            default -> throw new SeccompProfileException(at, "'" + name + "' is not a seccomp action (expected one of SCMP_ACT_ALLOW, "
                    + "SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_THREAD, SCMP_ACT_KILL_PROCESS, SCMP_ACT_TRAP, SCMP_ACT_TRACE, SCMP_ACT_LOG)");
        };
        if (errnoRet != null && !(action instanceof Action.Errno) && !(action instanceof Action.Trace)) {
            throw new SeccompProfileException(errnoAt, "only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take a return code, not " + name);
        }
        if (action instanceof Action.Errno && errnoRet != null && errnoRet > 4095) {
            throw new SeccompProfileException(errnoAt, errnoRet + " is not an errno (1 to 4095)");
        }
        return action;
    }

    private static Arch arch(String name, String at) {
        return Arch.parse(name).filter(a -> name.startsWith("SCMP_ARCH_") || a.supported())
                .orElseThrow(() -> new SeccompProfileException(at, "'" + name + "' is not an architecture (expected SCMP_ARCH_X86_64, "
                        + "SCMP_ARCH_X86, SCMP_ARCH_X32, SCMP_ARCH_AARCH64, SCMP_ARCH_ARM, ...)"));
    }

    private static @Nullable Integer optionalInt(JsonNode parent, String field, String at, int min, int max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new SeccompProfileException(at, "must be an integer from " + min + " to " + max + ", not " + node);
        }
        return node.intValue();
    }

    private static List<String> strings(JsonNode node, String at) {
        if (!node.isArray()) {
            throw new SeccompProfileException(at, "must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString()) {
                throw new SeccompProfileException(at + "[" + i + "]", "must be a string, not " + item);
            }
            result.add(item.stringValue());
        }
        return result;
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }
}
