package dev.lit.testcontainers;

import java.util.regex.Pattern;

/**
 * Waits for log lines: see {@link LitWait#forLogMessage(String, int)}.
 *
 * @param regex the pattern a whole line, with or without its newline, must match
 * @param times how many matching lines make the container ready, at least 1
 */
public record LogMessageWait(String regex, int times) implements LitWait {
    /** Checks that the pattern compiles and that {@code times} is positive. */
    public LogMessageWait {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times);
        }
        Pattern.compile(regex);
    }

    boolean isReady(ContainerLogs logs) {
        Pattern pattern = Pattern.compile("(?s)" + regex);
        return logs.lines().stream().filter(l -> pattern.matcher(l.text()).matches() || pattern.matcher(l.text() + "\n").matches())
                .limit(times).count() >= times;
    }

    @Override
    public String toString() {
        return times + " log line" + (times == 1 ? "" : "s") + " matching '" + regex + "'";
    }
}
