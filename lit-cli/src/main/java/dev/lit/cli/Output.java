package dev.lit.cli;

import dev.lit.cli.FormatOption.Format;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a verb writes, as a picocli mixin: lit's own stdout and stderr (picocli's, flushed by
 * {@link Main} when the verb returns), usage errors, and the one place that prints a list or a
 * record as a table for people or as JSON for scripts.
 */
// @Command only marks this class as a mixin for picocli: a mixin needs one of its annotations.
@Command
final class Output {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /** One column of a list: its table header (null for JSON only), its JSON field, its value and how a table shows it. */
    record Column<T>(@Nullable String header, String field, Function<T, ?> value, Function<T, String> text) {
        /** A column whose table text is the value's {@code toString()}. */
        static <T> Column<T> of(String header, String field, Function<T, ?> value) {
            return new Column<>(header, field, value, t -> String.valueOf(value.apply(t)));
        }

        /** A column that a table shows differently from JSON (a short digest, a size for people). */
        static <T> Column<T> of(String header, String field, Function<T, ?> value, Function<T, String> text) {
            return new Column<>(header, field, value, text);
        }

        /** A field only JSON has. */
        static <T> Column<T> jsonOnly(String field, Function<T, ?> value) {
            return new Column<>(null, field, value, t -> "");
        }
    }

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** The {@code lit} command line this verb belongs to. */
    CommandLine root() {
        CommandLine cli = mixee.commandLine();
        while (cli.getParent() != null) {
            cli = cli.getParent();
        }
        return cli;
    }

    /** A bad command line for this verb: Main prints it with a pointer to --help and exits 125. */
    ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }

    /** Prints {@code items} as a table with a header row, or as one JSON object per line. */
    <T> void list(Format format, List<Column<T>> columns, Collection<T> items) {
        PrintWriter out = out();
        if (format == Format.JSON) {
            for (T item : items) {
                Map<String, @Nullable Object> object = new LinkedHashMap<>();
                columns.forEach(c -> object.put(c.field(), c.value().apply(item)));
                out.println(Json.of(object));
            }
            return;
        }
        List<Column<T>> shown = columns.stream().filter(c -> c.header() != null).toList();
        List<List<String>> rows = new ArrayList<>();
        rows.add(shown.stream().map(c -> String.valueOf(c.header())).toList());
        items.forEach(item -> rows.add(shown.stream().map(c -> c.text().apply(item)).toList()));
        table(out, rows);
    }

    /** Prints one record: {@code lines} for people, or {@code fields} as one JSON object. */
    void record(Format format, Map<String, ?> fields, List<String> lines) {
        if (format == Format.JSON) {
            out().println(Json.of(fields));
        } else {
            lines.forEach(out()::println);
        }
    }

    /** Columns padded to their widest cell and three spaces apart, as Docker prints them; the last is not padded. */
    private static void table(PrintWriter out, List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row.get(i));
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
