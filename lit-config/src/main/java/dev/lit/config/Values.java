package dev.lit.config;

import dev.lit.config.Node.Scalar.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads typed values out of nodes, each failure a "{@code path} must be X, got Y" at the
 * value. Text that substitution produced counts as a number or boolean when it reads as one.
 */
final class Values {
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    Node.Mapping mapping(Node node, String path) {
        if (node instanceof Node.Mapping mapping) {
            return mapping;
        }
        throw wrongType(node, path, "a mapping of keys");
    }

    Node.Sequence sequence(Node node, String path) {
        if (node instanceof Node.Sequence sequence) {
            return sequence;
        }
        throw wrongType(node, path, "a list");
    }

    /** A single value as text: strings as written, numbers and booleans as their text. */
    String text(Node node, String path) {
        return scalar(node, path, "a single value").text();
    }

    /** A list of single values as text. */
    List<String> texts(Node node, String path) {
        List<String> texts = new ArrayList<>();
        List<Node> items = sequence(node, path).items();
        for (int i = 0; i < items.size(); i++) {
            texts.add(text(items.get(i), path + "[" + i + "]"));
        }
        return texts;
    }

    boolean bool(Node node, String path) {
        Node.Scalar scalar = scalar(node, path, "true or false");
        if (scalar.kind() == Kind.BOOLEAN || scalar.kind() == Kind.STRING) {
            switch (scalar.text()) {
                case "true" -> {
                    return true;
                }
                case "false" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw wrongType(node, path, "true or false");
    }

    long wholeNumber(Node node, String path) {
        Node.Scalar scalar = scalar(node, path, "a whole number");
        if ((scalar.kind() == Kind.INTEGER || scalar.kind() == Kind.STRING) && WHOLE.matcher(scalar.text().strip()).matches()) {
            try {
                return Long.parseLong(scalar.text().strip());
            } catch (NumberFormatException e) {
                throw problems.at(node.location(), path + ": " + scalar.text() + " is too large");
            }
        }
        throw wrongType(node, path, "a whole number");
    }

    private Node.Scalar scalar(Node node, String path, String expected) {
        if (node instanceof Node.Scalar scalar) {
            if (scalar.isNull()) {
                throw problems.at(node.location(), path + " has no value: give it " + expected + ", or remove the key");
            }
            return scalar;
        }
        throw wrongType(node, path, expected);
    }

    LitFileException wrongType(Node node, String path, String expected) {
        return problems.at(node.location(), path + " must be " + expected + ", got " + node.describe());
    }
}
