package dev.lit;

import java.util.Objects;

/**
 * How a detached container is supervised once the JVM that started it is gone.
 *
 * @param restart      what happens when its command ends
 * @param logMaxSize   the size at which the log file is rotated
 * @param logMaxFiles  how many log files are kept, the current one included
 * @param autoRemove   whether the container is removed as soon as it has ended (Docker's {@code --rm})
 */
public record DetachOptions(RestartPolicy restart, ByteSize logMaxSize, int logMaxFiles, boolean autoRemove) {
    /** No restarts, logs of 10 MiB times 3, kept after the end. */
    public static final DetachOptions DEFAULT = new DetachOptions(RestartPolicy.no(), ByteSize.ofMiB(10), 3, false);

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

    public DetachOptions withRestart(RestartPolicy value) {
        return new DetachOptions(value, logMaxSize, logMaxFiles, autoRemove);
    }

    public DetachOptions withLogLimit(ByteSize maxSize, int maxFiles) {
        return new DetachOptions(restart, maxSize, maxFiles, autoRemove);
    }

    public DetachOptions withAutoRemove(boolean value) {
        return new DetachOptions(restart, logMaxSize, logMaxFiles, value);
    }
}
