package dev.lit.config;

import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import dev.lit.MemoryTuning;
import dev.lit.ShrinkImage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps {@code optimize: {auto_memory_tune, shrink_image}}. {@code auto_memory_tune} is
 * {@code true}/{@code false} or a mapping of the tuner's parameters; {@code shrink_image} is
 * {@code true}/{@code false}, a level ({@code off}, {@code standard}), or a mapping
 * {@code {level: aggressive, check: COMMAND}} where the check is a shell line (run by {@code /bin/sh -c})
 * or a list of arguments.
 */
final class OptimizeReader {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
    private static final Pattern FRACTION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(%?)");

    private OptimizeReader() {
    }

    static void read(Node.Entry optimizeEntry, ContainerSpec.Builder builder, ReadContext context) {
        Node.Mapping optimize = context.values().mapping(optimizeEntry.value(), "optimize");
        KeyCheck.requireKnown(optimize, "optimize", Schema.OPTIMIZE, context.problems());
        for (Node.Entry entry : optimize.entries()) {
            switch (entry.key()) {
                case "auto_memory_tune" -> autoMemoryTune(entry.value(), builder, context);
                case "shrink_image" -> {
                    // checked against the base when the whole spec is built
                    context.located("optimize.shrink_image", entry.value().location());
                    builder.shrinkImage(shrinkImage(entry.value(), context));
                }
                default -> throw new IllegalStateException(entry.key());
            }
        }
    }

    private static ShrinkImage shrinkImage(Node value, ReadContext context) {
        String path = "optimize.shrink_image";
        if (!(value instanceof Node.Mapping)) {
            String text = context.values().text(value, path).strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true", "standard" -> ShrinkImage.STANDARD;
                case "false", "off" -> ShrinkImage.OFF;
                case "aggressive" -> throw context.problems().at(value.location(), path
                        + ": the aggressive level needs a check command: use { level: aggressive, check: \"COMMAND\" }");
                default -> throw context.problems().at(value.location(), path + ": '" + text
                        + "' is not a level; use true, false, off, standard, or { level: aggressive, check: COMMAND }");
            };
        }
        Node.Mapping mapping = context.values().mapping(value, path);
        KeyCheck.requireKnown(mapping, path, Schema.SHRINK_IMAGE, context.problems());
        ShrinkImage.Level level = null;
        List<String> check = List.of();
        Node checkNode = null;
        for (Node.Entry entry : mapping.entries()) {
            Node node = entry.value();
            String field = path + "." + entry.key();
            switch (entry.key()) {
                case "level" -> {
                    String text = context.values().text(node, field).strip().toLowerCase(Locale.ROOT);
                    level = switch (text) {
                        case "off" -> ShrinkImage.Level.OFF;
                        case "standard" -> ShrinkImage.Level.STANDARD;
                        case "aggressive" -> ShrinkImage.Level.AGGRESSIVE;
                        default -> throw context.problems().at(node.location(), field + ": '" + text
                                + "' is not a level; use off, standard or aggressive");
                    };
                }
                case "check" -> {
                    checkNode = node;
                    check = node instanceof Node.Sequence
                            ? context.values().texts(node, field)
                            : List.of("/bin/sh", "-c", context.values().text(node, field));
                }
                default -> throw new IllegalStateException(entry.key());
            }
        }
        if (level == null) {
            throw context.problems().at(mapping.location(), path + ": needs a level (off, standard or aggressive)");
        }
        ShrinkImage.Level chosen = level;
        List<String> command = check;
        Location where = checkNode != null ? checkNode.location() : mapping.location();
        return context.problems().check(where, path + ".check", () -> new ShrinkImage(chosen, command));
    }

    private static void autoMemoryTune(Node value, ContainerSpec.Builder builder, ReadContext context) {
        String path = "optimize.auto_memory_tune";
        if (!(value instanceof Node.Mapping)) {
            builder.autoMemoryTune(context.values().bool(value, path));
            return;
        }
        Node.Mapping mapping = context.values().mapping(value, path);
        KeyCheck.requireKnown(mapping, path, Schema.MEMORY_TUNING, context.problems());
        MemoryTuning[] tuning = {MemoryTuning.DEFAULTS};
        Problems problems = context.problems();
        for (Node.Entry entry : mapping.entries()) {
            Node node = entry.value();
            String field = path + "." + entry.key();
            String text = context.values().text(node, field);
            problems.check(node.location(), field, () -> tuning[0] = switch (entry.key()) {
                case "interval" -> tuning[0].withInterval(duration(text));
                case "pressure_target" -> tuning[0].withPressureTarget(fraction(text));
                case "lower_step" -> tuning[0].withLowerStep(fraction(text));
                case "raise_step" -> tuning[0].withRaiseStep(fraction(text));
                case "floor" -> tuning[0].withFloor(ByteSize.parse(text));
                case "ceiling" -> {
                    // checked against resources.memory when the whole spec is built
                    context.located(field, node.location());
                    yield tuning[0].withCeiling(ByteSize.parse(text));
                }
                default -> throw new IllegalStateException(entry.key());
            });
        }
        builder.autoMemoryTune(tuning[0]);
    }

    /** "500ms", "2s", "1m" or a bare number of seconds. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use for example 500ms, 2s or 1m");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** "0.1%" or a plain fraction such as 0.001. */
    static double fraction(String text) {
        Matcher m = FRACTION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a fraction; use for example 0.001 or 0.1%");
        }
        double value = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? value : value / 100;
    }
}
