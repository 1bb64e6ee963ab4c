package dev.lit.config;

import java.util.List;
import java.util.Optional;

/** A YAML value with the place it came from: the tree lit.yml is read into before mapping. */
sealed interface Node permits Node.Scalar, Node.Sequence, Node.Mapping {

    Location location();

    /** What this value is, for "must be X, got Y" messages. */
    String describe();

    /**
     * A single value. {@code contentColumn} is the column of the first character of
     * {@code text} when the text stands on its line exactly as written (so a position
     * inside it can be told), else 0.
     */
    record Scalar(String text, Kind kind, Location location, int contentColumn) implements Node {
        enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        /** Where the character at {@code index} of the text is, or the value's start when that cannot be told. */
        Location at(int index) {
            if (contentColumn > 0 && index >= 0 && index <= text.length()) {
                return new Location(location.line(), contentColumn + text.codePointCount(0, index));
            }
            return location;
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the text '" + text + "'";
                case INTEGER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "no value";
            };
        }
    }

    record Sequence(List<Node> items, Location location) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    record Mapping(List<Entry> entries, Location location) implements Node {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> get(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One {@code key: value} of a mapping, with where the key stands. */
    record Entry(String key, Location keyLocation, Node value) {
    }
}
