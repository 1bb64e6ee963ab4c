package dev.lit.config;

/** Checks {@code optimize: {auto_memory_tune, shrink_image}}, then refuses it: neither is built yet. */
final class OptimizeReader {
    private OptimizeReader() {
    }

    static void read(Node.Entry optimizeEntry, ReadContext context) {
        Node.Mapping optimize = context.values().mapping(optimizeEntry.value(), "optimize");
        KeyCheck.requireKnown(optimize, "optimize", Schema.OPTIMIZE, context.problems());
        for (Node.Entry entry : optimize.entries()) {
            context.values().bool(entry.value(), "optimize." + entry.key());
        }
        throw context.problems().notSupportedYet(optimizeEntry.keyLocation(), "optimize",
                "automatic memory tuning and image shrinking are planned");
    }
}
