package dev.lit.config;

import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import dev.lit.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps {@code mounts}, a list of {@code {type: bind, source, target, read_only}},
 * {@code {type: volume, source: NAME, target, read_only}} and {@code {type: tmpfs, target, size}},
 * or Docker's short form {@code SOURCE:TARGET[:ro|rw]}, where a source starting with {@code /} or
 * {@code .} is a host path and anything else a volume name. A relative bind source resolves
 * against the file's directory and must exist.
 */
final class MountsReader {
    private MountsReader() {
    }

    static void read(Node value, ContainerSpec.Builder builder, ReadContext context) {
        List<Node> items = context.values().sequence(value, "mounts").items();
        for (int i = 0; i < items.size(); i++) {
            builder.mount(mount(items.get(i), "mounts[" + i + "]", context));
        }
    }

    private static Mount mount(Node node, String path, ReadContext context) {
        if (node instanceof Node.Scalar scalar) {
            return shortForm(scalar, path, context);
        }
        Node.Mapping mapping = context.values().mapping(node, path);
        KeyCheck.requireKnown(mapping, path, Schema.MOUNT, context.problems());
        Node.Entry type = mapping.get("type").orElseThrow(() ->
                context.problems().at(mapping.location(), path + " needs a type: bind, volume or tmpfs"));
        String kind = context.values().text(type.value(), path + ".type");
        return switch (kind) {
            case "bind" -> bind(mapping, path, context);
            case "tmpfs" -> tmpfs(mapping, path, context);
            case "volume" -> volume(mapping, path, context);
            default -> throw context.problems().at(type.value().location(),
                    path + ".type must be bind, volume or tmpfs, got '" + kind + "'"
                            + DidYouMean.closest(kind, List.of("bind", "volume", "tmpfs")).map(s -> " (did you mean '" + s + "'?)").orElse(""));
        };
    }

    private static Mount bind(Node.Mapping mapping, String path, ReadContext context) {
        onlyKeys(mapping, path, "bind", Schema.BIND_MOUNT, context);
        Node.Entry sourceEntry = required(mapping, "source", path, "bind", context);
        Node.Entry targetEntry = required(mapping, "target", path, "bind", context);
        String source = context.values().text(sourceEntry.value(), path + ".source");
        Path resolved = context.baseDir().resolve(source).normalize();
        if (!Files.exists(resolved)) {
            throw context.problems().at(sourceEntry.value().location(),
                    path + ".source '" + source + "' does not exist (looked for " + resolved + ")");
        }
        String target = context.values().text(targetEntry.value(), path + ".target");
        boolean readOnly = mapping.get("read_only").map(e -> context.values().bool(e.value(), path + ".read_only")).orElse(false);
        return context.problems().check(targetEntry.value().location(), path, () -> new Mount.Bind(resolved, target, readOnly));
    }

    private static Mount volume(Node.Mapping mapping, String path, ReadContext context) {
        onlyKeys(mapping, path, "volume", Schema.VOLUME_MOUNT, context);
        Node.Entry sourceEntry = required(mapping, "source", path, "volume", context);
        Node.Entry targetEntry = required(mapping, "target", path, "volume", context);
        String name = context.values().text(sourceEntry.value(), path + ".source");
        String target = context.values().text(targetEntry.value(), path + ".target");
        boolean readOnly = mapping.get("read_only").map(e -> context.values().bool(e.value(), path + ".read_only")).orElse(false);
        return context.problems().check(sourceEntry.value().location(), path, () -> new Mount.Volume(name, target, readOnly));
    }

    /** {@code SOURCE:TARGET[:ro|rw]}, as Docker's {@code -v}. */
    private static Mount shortForm(Node.Scalar scalar, String path, ReadContext context) {
        String text = scalar.text();
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
            throw context.problems().at(scalar.location(), path + ": '" + text + "' is not SOURCE:TARGET[:ro|rw]");
        }
        boolean readOnly = parts.length == 3 && parts[2].equals("ro");
        String source = parts[0];
        if (!source.startsWith("/") && !source.startsWith(".")) {
            return context.problems().check(scalar.location(), path, () -> new Mount.Volume(source, parts[1], readOnly));
        }
        Path resolved = context.baseDir().resolve(source).normalize();
        if (!Files.exists(resolved)) {
            throw context.problems().at(scalar.location(), path + ": the host path '" + source + "' does not exist (looked for " + resolved + ")");
        }
        return context.problems().check(scalar.location(), path, () -> new Mount.Bind(resolved, parts[1], readOnly));
    }

    private static Mount tmpfs(Node.Mapping mapping, String path, ReadContext context) {
        onlyKeys(mapping, path, "tmpfs", Schema.TMPFS_MOUNT, context);
        Node.Entry targetEntry = required(mapping, "target", path, "tmpfs", context);
        String target = context.values().text(targetEntry.value(), path + ".target");
        @Nullable ByteSize size = mapping.get("size").map(e -> size(e.value(), path + ".size", context)).orElse(null);
        return context.problems().check(targetEntry.value().location(), path, () -> new Mount.Tmpfs(target, size));
    }

    private static ByteSize size(Node node, String path, ReadContext context) {
        String text = context.values().text(node, path);
        return context.problems().check(node.location(), path, () -> ByteSize.parse(text));
    }

    /** Refuses keys that belong to the other mount type. */
    private static void onlyKeys(Node.Mapping mapping, String path, String type, List<String> keys, ReadContext context) {
        for (Node.Entry e : mapping.entries()) {
            if (!keys.contains(e.key())) {
                throw context.problems().at(e.keyLocation(), path + ": '" + e.key() + "' does not apply to " + type + " mounts (their keys: " + String.join(", ", keys) + ")");
            }
        }
    }

    private static Node.Entry required(Node.Mapping mapping, String key, String path, String type, ReadContext context) {
        return mapping.get(key).orElseThrow(() ->
                context.problems().at(mapping.location(), path + ": a " + type + " mount needs a " + key));
    }
}
