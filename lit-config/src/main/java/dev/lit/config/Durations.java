package dev.lit.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as Docker Compose writes them: {@code 500ms}, {@code 2s}, {@code 1m30s},
 * {@code 1h}; a bare number is seconds.
 */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|us|s|m|h))+");
    private static final Pattern SECONDS = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {
    }

    static Duration read(Node node, String path, Values values) {
        String text = values.text(node, path).strip();
        if (SECONDS.matcher(text).matches()) {
            return nanos(Double.parseDouble(text) * 1e9);
        }
        if (!WHOLE.matcher(text).matches()) {
            throw values.problems().at(node.location(), path + ": '" + text + "' is not a duration: write it as 500ms, 2s, 1m30s or 1h");
        }
        double total = 0;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            total += amount * switch (m.group(2)) {
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
        }
        return nanos(total);
    }

    private static Duration nanos(double value) {
        return Duration.ofNanos((long) Math.min(value, Long.MAX_VALUE));
    }
}
