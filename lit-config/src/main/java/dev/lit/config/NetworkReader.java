package dev.lit.config;

import dev.lit.ContainerSpec;
import dev.lit.NetworkMode;
import java.util.List;

/** Maps {@code network: {mode, expose}}; {@code expose} is checked, then refused until bridge networks exist. */
final class NetworkReader {
    private static final List<String> MODES = List.of("none", "host");

    private NetworkReader() {
    }

    static void read(Node value, ContainerSpec.Builder builder, ReadContext context) {
        Node.Mapping network = context.values().mapping(value, "network");
        KeyCheck.requireKnown(network, "network", Schema.NETWORK, context.problems());
        for (Node.Entry entry : network.entries()) {
            switch (entry.key()) {
                case "mode" -> builder.network(mode(entry.value(), context));
                case "expose" -> {
                    checkPorts(entry.value(), context);
                    throw context.problems().notSupportedYet(entry.keyLocation(), "network.expose", "port publishing arrives with bridge networks");
                }
                default -> throw new IllegalStateException(entry.key());
            }
        }
    }

    private static NetworkMode mode(Node node, ReadContext context) {
        String mode = context.values().text(node, "network.mode");
        return switch (mode) {
            case "none" -> NetworkMode.none();
            case "host" -> NetworkMode.host();
            case "bridge" -> throw context.problems().notSupportedYet(node.location(), "network.mode bridge", "use none or host for now");
            default -> throw context.problems().at(node.location(), "network.mode must be none or host, got '" + mode + "'"
                    + DidYouMean.closest(mode, MODES).map(s -> " (did you mean '" + s + "'?)").orElse(""));
        };
    }

    private static void checkPorts(Node node, ReadContext context) {
        List<Node> items = context.values().sequence(node, "network.expose").items();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String path = "network.expose[" + i + "]";
            if (item instanceof Node.Scalar scalar && (scalar.kind() == Node.Scalar.Kind.DECIMAL || scalar.kind() == Node.Scalar.Kind.BOOLEAN)) {
                throw context.values().wrongType(item, path, "a port or a port mapping");
            }
            String text = context.values().text(item, path);
            PortMappings.problem(text).ifPresent(problem -> {
                throw context.problems().at(item.location(), path + ": " + problem);
            });
        }
    }
}
