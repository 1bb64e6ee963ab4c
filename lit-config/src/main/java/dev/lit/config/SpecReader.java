package dev.lit.config;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import java.util.List;

/**
 * Maps a lit.yml tree onto {@link Container#builder()}: the top-level keys here, each
 * section in its own reader. A failure of the final {@code build()} is reported at the
 * value that set the field at fault.
 */
final class SpecReader {
    private final ReadContext context;
    private final ContainerSpec.Builder builder = Container.builder();

    private SpecReader(ReadContext context) {
        this.context = context;
    }

    static ContainerSpec read(Node.Mapping root, ReadContext context) {
        return new SpecReader(context).map(root);
    }

    private ContainerSpec map(Node.Mapping root) {
        KeyCheck.requireKnown(root, "", Schema.TOP, Schema.TOP_LEVEL_HINTS, context.problems());
        for (Node.Entry entry : root.entries()) {
            Node value = entry.value();
            switch (entry.key()) {
                case "name" -> builder.name(field("name", value));
                case "hostname" -> builder.hostname(field("hostname", value));
                case "entrypoint" -> entrypoint(value);
                case "command" -> command(value);
                case "init" -> builder.init(context.values().bool(value, "init"));
                case "env" -> EnvReader.read(value, builder, context);
                case "filesystem" -> FilesystemReader.read(value, builder, context);
                case "resources" -> ResourcesReader.read(value, builder, context);
                case "network" -> NetworkReader.read(value, builder, context);
                case "mounts" -> MountsReader.read(value, builder, context);
                case "optimize" -> OptimizeReader.read(entry, builder, context);
                case "security" -> SecurityReader.read(value, builder, context);
                default -> throw new IllegalStateException(entry.key());
            }
        }
        try {
            return builder.build();
        } catch (InvalidSpecException e) {
            throw context.problems().at(context.locationOf(e.field(), root.location()), e.getMessage(), e);
        }
    }

    /** A text field the builder only checks at {@code build()}: remembered with its place. */
    private String field(String field, Node value) {
        context.located(field, value.location());
        return context.values().text(value, field);
    }

    private void entrypoint(Node value) {
        context.located("entrypoint", value.location());
        switch (value) {
            case Node.Scalar scalar when !scalar.isNull() -> {
                if (scalar.text().isBlank()) {
                    throw empty(value);
                }
                context.problems().check(value.location(), "entrypoint", () -> builder.entrypoint(scalar.text()));
            }
            case Node.Sequence _ -> {
                List<String> words = context.values().texts(value, "entrypoint");
                if (words.isEmpty()) {
                    throw empty(value);
                }
                builder.entrypoint(words);
            }
            default -> throw context.values().wrongType(value, "entrypoint", "a command line or a list of words");
        }
    }

    private LitFileException empty(Node value) {
        return context.problems().at(value.location(), "entrypoint is empty: give the program to run, as in entrypoint: python app.py");
    }

    private void command(Node value) {
        if (!context.fieldLocations().containsKey("entrypoint")) {
            context.located("entrypoint", value.location());
        }
        switch (value) {
            case Node.Scalar scalar when !scalar.isNull() ->
                    context.problems().check(value.location(), "command", () -> builder.commandLine(scalar.text()));
            case Node.Sequence _ -> builder.command(context.values().texts(value, "command"));
            default -> throw context.values().wrongType(value, "command", "a command line or a list of arguments");
        }
    }
}
