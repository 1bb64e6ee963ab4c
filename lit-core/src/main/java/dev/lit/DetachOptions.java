package dev.lit;

import java.util.Objects;

/**
 * How a detached container is supervised once the JVM that started it is gone.
 *
 * @param restart      what happens when its command ends
 * @param logMaxSize   the size at which the log file is rotated
 * @param logMaxFiles  how many log files are kept, the current one included
 * @param autoRemove   whether the container is removed as soon as it has ended (Docker's {@code --rm})
 * @param keepStdinOpen whether its stdin stays open for {@link DetachedContainer#stdin()} writers
 *                     (Docker's {@code -i} with {@code -d}) instead of being /dev/null
 */
public record DetachOptions(RestartPolicy restart, ByteSize logMaxSize, int logMaxFiles, boolean autoRemove, boolean keepStdinOpen) {
    /** No restarts, logs of 10 MiB times 3, kept after the end, stdin /dev/null. */
    public static final DetachOptions DEFAULT = new DetachOptions(RestartPolicy.no(), ByteSize.ofMiB(10), 3, false, false);

    /** Checks the values: a log cap of at least 1 KiB, 1 to 100 files, no restarts with auto-removal. */
    public DetachOptions {
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(logMaxSize, "logMaxSize");
        if (logMaxSize.bytes() < 1024) {
            throw new InvalidSpecException("log.max_size", "the log size cap must be at least 1 KiB, got " + logMaxSize);
        }
        if (logMaxFiles < 1 || logMaxFiles > 100) {
            throw new InvalidSpecException("log.max_files", "keep between 1 and 100 log files, got " + logMaxFiles);
        }
        if (autoRemove && !(restart instanceof RestartPolicy.No)) {
            throw new InvalidSpecException("restart", "a container removed at its end (--rm) cannot have the restart policy " + restart);
        }
    }

    /**
     * These options with another restart policy.
     *
     * @param value the policy
     * @return new options
     */
    public DetachOptions withRestart(RestartPolicy value) {
        return new DetachOptions(value, logMaxSize, logMaxFiles, autoRemove, keepStdinOpen);
    }

    /**
     * These options with another log rotation.
     *
     * @param maxSize  the size at which the log rotates
     * @param maxFiles how many files are kept, the current one included
     * @return new options
     */
    public DetachOptions withLogLimit(ByteSize maxSize, int maxFiles) {
        return new DetachOptions(restart, maxSize, maxFiles, autoRemove, keepStdinOpen);
    }

    /**
     * These options with or without removal at the end.
     *
     * @param value whether the container goes as soon as it has ended
     * @return new options
     */
    public DetachOptions withAutoRemove(boolean value) {
        return new DetachOptions(restart, logMaxSize, logMaxFiles, value, keepStdinOpen);
    }

    /**
     * These options with stdin kept open or not.
     *
     * @param value whether the container's stdin stays open for writers (Docker's {@code -i})
     * @return new options
     */
    public DetachOptions withStdinOpen(boolean value) {
        return new DetachOptions(restart, logMaxSize, logMaxFiles, autoRemove, value);
    }
}
