package dev.lit.config;

import dev.lit.Capability;
import dev.lit.ContainerSpec;
import dev.lit.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Maps {@code security:} onto the builder: {@code cap_add}, {@code cap_drop} (names, or ALL),
 * {@code no_new_privileges}, {@code seccomp} (default, unconfined, or a profile file),
 * {@code userns} (host or auto), {@code user}, {@code apparmor} and {@code selinux_label}.
 */
final class SecurityReader {
    private SecurityReader() {
    }

    static void read(Node value, ContainerSpec.Builder builder, ReadContext context) {
        Node.Mapping section = context.values().mapping(value, "security");
        KeyCheck.requireKnown(section, "security", Schema.SECURITY, context.problems());
        Problems problems = context.problems();
        Security security = Security.DEFAULT;
        for (Node.Entry entry : section.entries()) {
            Node node = entry.value();
            String path = "security." + entry.key();
            security = switch (entry.key()) {
                case "cap_add" -> security.withCapAdd(capabilities(node, path, context, false));
                case "cap_drop" -> {
                    boolean all = context.values().texts(node, path).stream().anyMatch(t -> t.equalsIgnoreCase("ALL"));
                    yield security.withCapDrop(capabilities(node, path, context, true), all);
                }
                case "no_new_privileges" -> security.withNoNewPrivileges(context.values().bool(node, path));
                case "seccomp" -> security.withSeccomp(seccomp(node, path, context));
                case "userns" -> {
                    String mode = context.values().text(node, path).toLowerCase(Locale.ROOT);
                    yield switch (mode) {
                        case "host" -> security.withUserNamespace(Security.UserNamespace.HOST);
                        case "auto" -> security.withUserNamespace(Security.UserNamespace.AUTO);
                        default -> throw problems.at(node.location(), path + ": '" + mode + "' is not a user namespace mode: use host or auto");
                    };
                }
                case "user" -> {
                    String user = context.values().text(node, path);
                    Security current = security;
                    problems.check(node.location(), path, () -> current.withUser(user));
                    yield security.withUser(user);
                }
                case "apparmor" -> security.withApparmorProfile(context.values().text(node, path));
                case "selinux_label" -> security.withSelinuxLabel(context.values().text(node, path));
                default -> throw new IllegalStateException(entry.key());
            };
        }
        builder.security(security);
    }

    private static Set<Capability> capabilities(Node node, String path, ReadContext context, boolean allowAll) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (String name : context.values().texts(node, path)) {
            if (allowAll && name.equalsIgnoreCase("ALL")) {
                continue;
            }
            try {
                caps.add(Capability.parse(name));
            } catch (IllegalArgumentException e) {
                throw context.problems().at(node.location(), path + ": " + e.getMessage());
            }
        }
        return caps;
    }

    private static Security.Seccomp seccomp(Node node, String path, ReadContext context) {
        String text = context.values().text(node, path);
        return switch (text) {
            case "default" -> new Security.Seccomp.Default();
            case "unconfined" -> new Security.Seccomp.Unconfined();
            default -> {
                Path file = context.problems().file().toAbsolutePath().getParent().resolve(text).normalize();
                if (!Files.isRegularFile(file)) {
                    throw context.problems().at(node.location(), path + ": '" + text
                            + "' is neither default, unconfined nor a profile file (" + file + " does not exist)");
                }
                yield new Security.Seccomp.Profile(file);
            }
        };
    }
}
