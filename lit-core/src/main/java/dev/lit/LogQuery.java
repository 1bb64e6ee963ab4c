package dev.lit;

import org.jspecify.annotations.Nullable;

/**
 * Which log entries to read, as {@code lit logs [-f] [--since]}.
 *
 * @param follow whether to keep reading as the container writes, until it has ended
 * @param since  only entries at or after this time; null for all that are kept
 */
public record LogQuery(boolean follow, java.time.@Nullable Instant since) {
    /** Every kept entry, then the end. */
    public static final LogQuery ALL = new LogQuery(false, null);

    /**
     * Every kept entry, then new ones as they come.
     *
     * @return a query that follows
     */
    public static LogQuery followAll() {
        return new LogQuery(true, null);
    }

    /**
     * This query, from a point in time.
     *
     * @param value the earliest time, or null for all
     * @return a new query
     */
    public LogQuery withSince(java.time.@Nullable Instant value) {
        return new LogQuery(follow, value);
    }

    /**
     * This query, following or not.
     *
     * @param value whether to follow
     * @return a new query
     */
    public LogQuery withFollow(boolean value) {
        return new LogQuery(value, since);
    }
}
