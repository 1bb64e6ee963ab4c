package dev.lit.cli;

import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text of the plain values {@code --format json} prints: maps (in their order), collections,
 * strings, numbers, booleans and null; anything else as its {@code toString()}. One line, no
 * spaces, so that a list prints as JSON Lines.
 */
final class Json {
    private Json() {
    }

    static String of(@Nullable Object value) {
        StringBuilder text = new StringBuilder();
        write(text, value);
        return text.toString();
    }

    private static void write(StringBuilder text, @Nullable Object value) {
        switch (value) {
            case null -> text.append("null");
            case Boolean b -> text.append(b);
            case Integer i -> text.append(i);
            case Long l -> text.append(l);
            case Number n -> text.append(Double.isFinite(n.doubleValue()) ? n.toString() : "null");
            case Map<?, ?> map -> {
                text.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    text.append(first ? "" : ",");
                    first = false;
                    string(text, String.valueOf(e.getKey()));
                    text.append(':');
                    write(text, e.getValue());
                }
                text.append('}');
            }
            case Collection<?> list -> {
                text.append('[');
                boolean first = true;
                for (Object item : list) {
                    text.append(first ? "" : ",");
                    first = false;
                    write(text, item);
                }
                text.append(']');
            }
            default -> string(text, value.toString());
        }
    }

    private static void string(StringBuilder text, String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
