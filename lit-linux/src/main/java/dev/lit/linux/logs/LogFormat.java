package dev.lit.linux.logs;

import dev.lit.LogEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the monitor's log lines (CRI's format: time, stream, F for a full line or P for a part, text). */
public final class LogFormat {
    private LogFormat() {
    }

    /** The entry on this line (without its newline), or empty for a line that is not one. */
    public static Optional<LogEntry> parse(String line) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
        if (c < 0 || c != b + 2) {
            return Optional.empty();
        }
        LogEntry.Stream stream = switch (line.substring(a + 1, b)) {
            case "stdout" -> LogEntry.Stream.STDOUT;
            case "stderr" -> LogEntry.Stream.STDERR;
            default -> null;
        };
        char tag = line.charAt(b + 1);
        if (stream == null || (tag != 'F' && tag != 'P')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogEntry(Instant.parse(line.substring(0, a)), stream, line.substring(c + 1), tag == 'P'));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The line the monitor would write for this entry, without the newline (for tests and tools). */
    public static String format(LogEntry entry) {
        return entry.time() + " " + entry.stream().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (entry.partial() ? 'P' : 'F') + " " + entry.text();
    }
}
