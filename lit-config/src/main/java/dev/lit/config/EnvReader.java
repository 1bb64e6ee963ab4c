package dev.lit.config;

import dev.lit.ContainerSpec;
import java.util.List;

/**
 * Maps {@code env}, a list of {@code KEY=VALUE} or a mapping. A bare {@code KEY} (or a key
 * with no value) takes its value from the environment lit.yml is read in, and is left out
 * when that has none, as {@code docker run -e KEY} does.
 */
final class EnvReader {
    private EnvReader() {
    }

    static void read(Node value, ContainerSpec.Builder builder, ReadContext context) {
        context.located("env", value.location());
        switch (value) {
            case Node.Sequence list -> fromList(list, builder, context);
            case Node.Mapping map -> fromMapping(map, builder, context);
            default -> throw context.values().wrongType(value, "env", "a list of KEY=VALUE or a mapping");
        }
    }

    private static void fromList(Node.Sequence list, ContainerSpec.Builder builder, ReadContext context) {
        List<Node> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String assignment = context.values().text(item, "env[" + i + "]");
            int eq = assignment.indexOf('=');
            if (assignment.isBlank()) {
                throw context.problems().at(item.location(), "env[" + i + "] is empty: write KEY=VALUE");
            } else if (eq < 0) {
                inherit(assignment, builder, context);
            } else {
                context.problems().check(item.location(), "env", () -> builder.env(assignment));
            }
        }
    }

    private static void fromMapping(Node.Mapping map, ContainerSpec.Builder builder, ReadContext context) {
        for (Node.Entry entry : map.entries()) {
            if (entry.value() instanceof Node.Scalar scalar && scalar.isNull()) {
                inherit(entry.key(), builder, context);
            } else {
                builder.env(entry.key(), context.values().text(entry.value(), "env." + entry.key()));
            }
        }
    }

    private static void inherit(String key, ContainerSpec.Builder builder, ReadContext context) {
        String inherited = context.environment().get(key);
        if (inherited != null) {
            builder.env(key, inherited);
        }
    }
}
