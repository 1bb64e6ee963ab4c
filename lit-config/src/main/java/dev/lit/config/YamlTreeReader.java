package dev.lit.config;

import dev.lit.config.Node.Scalar.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads YAML text into a {@link Node} tree with Jackson's streaming parser, keeping the
 * line and column of every key and value. Refuses what lit.yml has no use for: more than
 * one document, duplicate keys, aliases.
 */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String source;
    private final Problems problems;
    private final JsonParser parser;

    private YamlTreeReader(String source, Problems problems, JsonParser parser) {
        this.source = source;
        this.problems = problems;
        this.parser = parser;
    }

    /** The single document in {@code source}, or null when it holds none. */
    static @Nullable Node read(String source, Problems problems) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), source)) {
            YamlTreeReader reader = new YamlTreeReader(source, problems, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            Node root = reader.node(first);
            if (parser.nextToken() != null) {
                throw problems.at(reader.here(), "a lit.yml holds one YAML document; remove the '---' and what follows, or the second document");
            }
            return root;
        } catch (JacksonException e) {
            throw syntaxError(problems, e);
        }
    }

    private Node node(JsonToken token) {
        Location location = here();
        return switch (token) {
            case START_OBJECT -> mapping(location);
            case START_ARRAY -> sequence(location);
            case VALUE_STRING -> string(location);
            case VALUE_NUMBER_INT -> scalar(Kind.INTEGER, parser.getString(), location);
            case VALUE_NUMBER_FLOAT -> scalar(Kind.DECIMAL, parser.getString(), location);
            case VALUE_TRUE -> new Node.Scalar("true", Kind.BOOLEAN, location, 0);
            case VALUE_FALSE -> new Node.Scalar("false", Kind.BOOLEAN, location, 0);
            case VALUE_NULL -> new Node.Scalar("", Kind.NULL, location, 0);
            default -> throw problems.at(location, "unexpected YAML content (" + token + "); lit.yml values are text, numbers, booleans, lists and mappings");
        };
    }

    private Node.Mapping mapping(Location location) {
        List<Node.Entry> entries = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.PROPERTY_NAME) {
                throw problems.at(here(), "expected a key, found " + token);
            }
            String key = parser.currentName();
            Location keyLocation = here();
            Location first = seen.putIfAbsent(key, keyLocation);
            if (first != null) {
                throw problems.at(keyLocation, "duplicate key '" + key + "' (first set at line " + first.line() + ", column " + first.column() + ")");
            }
            entries.add(new Node.Entry(key, keyLocation, node(parser.nextToken())));
        }
        return new Node.Mapping(entries, location);
    }

    private Node.Sequence sequence(Location location) {
        List<Node> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(node(token));
        }
        return new Node.Sequence(items, location);
    }

    private Node.Scalar string(Location location) {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw problems.at(location, "YAML aliases (*" + parser.getString() + ") are not supported in lit.yml; write the value out");
        }
        return scalar(Kind.STRING, parser.getString(), location);
    }

    private Node.Scalar scalar(Kind kind, String text, Location location) {
        return new Node.Scalar(text, kind, location, contentColumn(text, location));
    }

    /**
     * The column where {@code text} starts, when the source holds it verbatim at the token
     * (a plain or simply quoted scalar on one line); 0 when escapes, folding or block
     * styles make positions inside it unknowable.
     */
    private int contentColumn(String text, Location location) {
        long offset = parser.currentTokenLocation().getCharOffset();
        if (offset < 0 || offset >= source.length() || text.indexOf('\n') >= 0) {
            return 0;
        }
        int at = (int) offset;
        if (source.startsWith(text, at)) {
            return location.column();
        }
        char quote = source.charAt(at);
        if ((quote == '"' || quote == '\'') && source.startsWith(text, at + 1)
                && at + 1 + text.length() < source.length() && source.charAt(at + 1 + text.length()) == quote) {
            return location.column() + 1;
        }
        return 0;
    }

    private Location here() {
        TokenStreamLocation l = parser.currentTokenLocation();
        return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** Jackson's failure at its place; snakeyaml's marks, when there are some, are the more precise place. */
    private static LitFileException syntaxError(Problems problems, JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            Mark mark = yaml.getProblemMark().get();
            // Running off the end (an unclosed quote or bracket) is best shown where the unclosed thing starts.
            if (yaml.getProblem().contains("end of stream") && yaml.getContextMark().isPresent()) {
                mark = yaml.getContextMark().get();
            }
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return problems.at(new Location(mark.getLine() + 1, mark.getColumn() + 1), "invalid YAML: " + context + yaml.getProblem(), e);
        }
        TokenStreamLocation l = e.getLocation();
        Location location = l == null ? Location.START : new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        return problems.at(location, "invalid YAML: " + firstLine(e.getOriginalMessage()), e);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
