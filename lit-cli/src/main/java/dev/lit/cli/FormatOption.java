package dev.lit.cli;

import picocli.CommandLine.Option;

/** The {@code --format table|json} option of verbs whose output scripts read, as a picocli mixin. */
final class FormatOption {
    /** How a verb prints what it reports. */
    enum Format {
        /** Aligned columns under a header, for people. */
        TABLE,
        /** JSON: one object per line for lists (JSON Lines), one object for a single record. */
        JSON
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned columns, the default) or json (one JSON object per line, for scripts).")
    private Format format = Format.TABLE;

    Format format() {
        return format;
    }
}
