package dev.lit.config;

import dev.lit.Base;
import dev.lit.ContainerSpec;
import dev.lit.Copy;
import java.nio.file.Files;
import java.util.List;

/** Maps {@code filesystem: {base, copy, workdir}}; relative host paths resolve against the file's directory. */
final class FilesystemReader {
    private FilesystemReader() {
    }

    static void read(Node value, ContainerSpec.Builder builder, ReadContext context) {
        Node.Mapping filesystem = context.values().mapping(value, "filesystem");
        KeyCheck.requireKnown(filesystem, "filesystem", Schema.FILESYSTEM, context.problems());
        for (Node.Entry entry : filesystem.entries()) {
            switch (entry.key()) {
                case "base" -> builder.base(base(entry.value(), context));
                case "copy" -> copies(entry.value(), builder, context);
                case "workdir" -> {
                    builder.workdir(context.values().text(entry.value(), "filesystem.workdir"));
                    context.located("filesystem.workdir", entry.value().location());
                }
                default -> throw new IllegalStateException(entry.key());
            }
        }
    }

    private static Base base(Node node, ReadContext context) {
        String text = context.values().text(node, "filesystem.base");
        Base base = context.problems().check(node.location(), "filesystem.base", () -> Base.parse(text, context.baseDir()));
        return switch (base) {
            case Base.Image image -> offlinePathsResolved(image, context.baseDir());
            case Base.Directory dir when !Files.isDirectory(dir.path()) -> throw context.problems().at(node.location(),
                    "filesystem.base: directory " + dir.path() + " does not exist");
            default -> base;
        };
    }

    /** Image bases are pulled at start; the path of an offline source (oci:, docker-archive:) is relative to lit.yml. */
    private static Base offlinePathsResolved(Base.Image image, java.nio.file.Path baseDir) {
        String ref = image.reference();
        for (String transport : List.of("oci:", "oci-archive:", "docker-archive:")) {
            if (ref.startsWith(transport) && !ref.startsWith(transport + "/")) {
                return Base.image(transport + baseDir.resolve(ref.substring(transport.length())));
            }
        }
        return image;
    }

    private static void copies(Node node, ContainerSpec.Builder builder, ReadContext context) {
        List<Node> items = context.values().sequence(node, "filesystem.copy").items();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String text = context.values().text(item, "filesystem.copy[" + i + "]");
            Copy copy = context.problems().check(item.location(), "filesystem.copy", () -> Copy.parse(text, context.baseDir()));
            if (!Files.exists(copy.source())) {
                String source = text.substring(0, text.lastIndexOf(':'));
                throw context.problems().at(item.location(),
                        "filesystem.copy: source '" + source + "' does not exist (looked for " + copy.source() + ")");
            }
            builder.copy(copy);
        }
    }
}
