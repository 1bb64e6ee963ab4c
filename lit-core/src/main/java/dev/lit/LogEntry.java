package dev.lit;

import java.time.Instant;

/**
 * One line a container wrote, as its log keeps it.
 *
 * @param time     when the monitor read it
 * @param stream   which stream it came from
 * @param text     the line, without its newline
 * @param partial  true if the line was longer than the monitor's buffer and continues in the next entry
 */
public record LogEntry(Instant time, Stream stream, String text, boolean partial) {

    /** A container's output stream. */
    public enum Stream {
        /** Standard output. */
        STDOUT,
        /** Standard error. */
        STDERR
    }
}
