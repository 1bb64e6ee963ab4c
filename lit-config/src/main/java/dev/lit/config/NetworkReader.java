package dev.lit.config;

import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import dev.lit.NetworkAttachment;
import dev.lit.NetworkMode;
import dev.lit.PortMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@code network: {mode, networks, expose}}. {@code networks} is a list of names or a
 * mapping of name to {@code {aliases: [...]}}; {@code expose} takes Docker's port forms. Either
 * implies {@code mode: bridge}; with {@code none} or {@code host} they are errors at their key.
 */
final class NetworkReader {
    private static final List<String> MODES = List.of("none", "host", "bridge");
    private static final List<String> ATTACHMENT_KEYS = List.of("aliases");

    private NetworkReader() {
    }

    static void read(Node value, ContainerSpec.Builder builder, ReadContext context) {
        Node.Mapping network = context.values().mapping(value, "network");
        KeyCheck.requireKnown(network, "network", Schema.NETWORK, context.problems());
        String mode = null;
        Node.Entry modeEntry = null;
        List<NetworkAttachment> networks = new ArrayList<>();
        Node.Entry networksEntry = null;
        List<PortMapping> ports = new ArrayList<>();
        Node.Entry exposeEntry = null;
        for (Node.Entry entry : network.entries()) {
            switch (entry.key()) {
                case "mode" -> {
                    mode = mode(entry.value(), context);
                    modeEntry = entry;
                }
                case "networks" -> {
                    networks = networks(entry.value(), context);
                    networksEntry = entry;
                }
                case "expose" -> {
                    ports = ports(entry.value(), context);
                    exposeEntry = entry;
                }
                default -> throw new IllegalStateException(entry.key());
            }
        }
        if (mode == null) {
            mode = networksEntry != null || exposeEntry != null ? "bridge" : null;
        }
        if (mode == null) {
            return;
        }
        switch (mode) {
            case "none", "host" -> {
                Node.Entry extra = networksEntry != null ? networksEntry : exposeEntry;
                if (extra != null) {
                    throw context.problems().at(extra.keyLocation(), "network." + extra.key() + " needs network.mode bridge (the mode is " + mode + ")");
                }
                builder.network(mode.equals("none") ? NetworkMode.none() : NetworkMode.host());
            }
            default -> {
                try {
                    builder.network(new NetworkMode.Bridge(networks.isEmpty() ? NetworkMode.bridge().networks() : networks, ports));
                } catch (InvalidSpecException e) {
                    Node.Entry at = e.field().equals("network.expose") && exposeEntry != null ? exposeEntry
                            : networksEntry != null ? networksEntry : modeEntry;
                    throw context.problems().at(at == null ? network.location() : at.keyLocation(), e.getMessage());
                }
            }
        }
    }

    private static String mode(Node node, ReadContext context) {
        String mode = context.values().text(node, "network.mode");
        if (!MODES.contains(mode)) {
            throw context.problems().at(node.location(), "network.mode must be none, host or bridge, got '" + mode + "'"
                    + DidYouMean.closest(mode, MODES).map(s -> " (did you mean '" + s + "'?)").orElse(""));
        }
        return mode;
    }

    private static List<NetworkAttachment> networks(Node node, ReadContext context) {
        List<NetworkAttachment> list = new ArrayList<>();
        if (node instanceof Node.Mapping mapping) {
            for (Node.Entry e : mapping.entries()) {
                String path = "network.networks." + e.key();
                List<String> aliases = List.of();
                if (!(e.value() instanceof Node.Scalar s && s.isNull())) {
                    Node.Mapping options = context.values().mapping(e.value(), path);
                    KeyCheck.requireKnown(options, path, ATTACHMENT_KEYS, context.problems());
                    aliases = options.get("aliases").map(a -> context.values().texts(a.value(), path + ".aliases")).orElse(List.of());
                }
                list.add(attachment(e.key(), aliases, e.keyLocation(), context));
            }
            return list;
        }
        List<Node> items = context.values().sequence(node, "network.networks").items();
        for (int i = 0; i < items.size(); i++) {
            list.add(attachment(context.values().text(items.get(i), "network.networks[" + i + "]"), List.of(), items.get(i).location(), context));
        }
        return list;
    }

    private static NetworkAttachment attachment(String name, List<String> aliases, Location location, ReadContext context) {
        try {
            return new NetworkAttachment(name, aliases);
        } catch (InvalidSpecException e) {
            throw context.problems().at(location, e.getMessage());
        }
    }

    private static List<PortMapping> ports(Node node, ReadContext context) {
        List<PortMapping> ports = new ArrayList<>();
        List<Node> items = context.values().sequence(node, "network.expose").items();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = "network.expose[" + i + "]";
            if (item instanceof Node.Scalar scalar && (scalar.kind() == Node.Scalar.Kind.DECIMAL || scalar.kind() == Node.Scalar.Kind.BOOLEAN)) {
                throw context.values().wrongType(item, path, "a port or a port mapping");
            }
            String text = context.values().text(item, path);
            try {
                ports.add(PortMapping.parse(text));
            } catch (InvalidSpecException e) {
                throw context.problems().at(item.location(), path + ": " + e.reason());
            }
        }
        return ports;
    }

}
