package dev.lit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${VAR}} and {@code ${VAR:-default}} in every text value of a tree
 * (keys stay as written). The default applies when the variable is unset or empty, and may
 * itself hold references; {@code $$} is a literal {@code $}; any other {@code $} is left as is,
 * so shell text such as {@code $(hostname)} or {@code $HOME} passes through.
 */
final class Variables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;
    private final Problems problems;

    Variables(Map<String, String> environment, Problems problems) {
        this.environment = environment;
        this.problems = problems;
    }

    Node substitute(Node node) {
        return switch (node) {
            case Node.Scalar scalar when scalar.kind() == Node.Scalar.Kind.STRING -> expand(scalar);
            case Node.Scalar scalar -> scalar;
            case Node.Sequence sequence -> new Node.Sequence(sequence.items().stream().map(this::substitute).toList(), sequence.location());
            case Node.Mapping mapping -> {
                List<Node.Entry> entries = new ArrayList<>();
                for (Node.Entry e : mapping.entries()) {
                    entries.add(new Node.Entry(e.key(), e.keyLocation(), substitute(e.value())));
                }
                yield new Node.Mapping(entries, mapping.location());
            }
        };
    }

    private Node.Scalar expand(Node.Scalar scalar) {
        String text = scalar.text();
        if (text.indexOf('$') < 0) {
            return scalar;
        }
        String expanded = expand(scalar, 0, text.length());
        // Positions inside the text no longer match the source once it has changed.
        int contentColumn = expanded.equals(text) ? scalar.contentColumn() : 0;
        return new Node.Scalar(expanded, scalar.kind(), scalar.location(), contentColumn);
    }

    /** Expands {@code scalar.text()} from {@code start} to {@code end}. */
    private String expand(Node.Scalar scalar, int start, int end) {
        String text = scalar.text();
        StringBuilder out = new StringBuilder();
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= end) {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (text.charAt(i + 1) == '{') {
                int close = closingBrace(text, i + 2, end);
                if (close < 0) {
                    throw problems.at(scalar.at(i), "unterminated variable reference '" + text.substring(i, end) + "': add a closing '}', or write $$ for a literal $");
                }
                out.append(reference(scalar, i, close));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The value of the reference {@code ${...}} spanning {@code dollar} to {@code close}. */
    private String reference(Node.Scalar scalar, int dollar, int close) {
        String text = scalar.text();
        String inside = text.substring(dollar + 2, close);
        int operator = inside.indexOf(":-");
        String name = operator < 0 ? inside : inside.substring(0, operator);
        if (!NAME.matcher(name).matches()) {
            throw problems.at(scalar.at(dollar), "'${" + inside + "}' is not a variable reference: use ${NAME} or ${NAME:-default}, or $$ for a literal $");
        }
        String value = environment.get(name);
        if (operator < 0) {
            if (value == null) {
                throw problems.at(scalar.at(dollar), "variable ${" + name + "} is not set; set it, give a default as in ${" + name + ":-value}, or write $$ for a literal $");
            }
            return value;
        }
        if (value == null || value.isEmpty()) {
            int defaultStart = dollar + 2 + operator + 2;
            return expand(scalar, defaultStart, close);
        }
        return value;
    }

    /** The index of the '}' closing a reference whose body starts at {@code from}, counting nested references; -1 if none. */
    private static int closingBrace(String text, int from, int end) {
        int depth = 1;
        for (int j = from; j < end; j++) {
            char c = text.charAt(j);
            if (c == '$' && j + 1 < end && text.charAt(j + 1) == '{') {
                depth++;
                j++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }
}
