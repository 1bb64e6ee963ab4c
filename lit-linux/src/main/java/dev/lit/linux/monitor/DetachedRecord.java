package dev.lit.linux.monitor;

import dev.lit.DetachOptions;
import dev.lit.LitException;
import dev.lit.RestartPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What Lit records in {@code detached} beside a detached container's state file: its options
 * and what {@code lit ps} shows, which the JVM that started it knew and others need.
 *
 * @param restart    the restart policy
 * @param autoRemove whether it goes at its end
 * @param logFiles   how many log files the monitor keeps
 * @param base       what the root filesystem starts from
 * @param command    the command line
 */
public record DetachedRecord(RestartPolicy restart, boolean autoRemove, int logFiles, String base, String command) {
    public static final String FILE = "detached";
    /** The current log; rotated ones are {@code container.log.1} and up. */
    public static final String LOG = "container.log";

    public static DetachedRecord of(DetachOptions options, String base, String command) {
        return new DetachedRecord(options.restart(), options.autoRemove(), options.logMaxFiles(), base, command);
    }

    public void save(Path containerDir) {
        StringBuilder text = new StringBuilder();
        text.append("restart=").append(restart).append('\n');
        text.append("autoremove=").append(autoRemove).append('\n');
        text.append("logfiles=").append(logFiles).append('\n');
        text.append("base=").append(escape(base)).append('\n');
        text.append("command=").append(escape(command)).append('\n');
        try {
            Files.writeString(containerDir.resolve(FILE), text);
        } catch (IOException e) {
            throw new LitException("cannot write " + containerDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    public static Optional<DetachedRecord> read(Path containerDir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(containerDir.resolve(FILE))) {
            p.load(in);
            return Optional.of(new DetachedRecord(RestartPolicy.parse(p.getProperty("restart", "no")),
                    Boolean.parseBoolean(p.getProperty("autoremove")), Integer.parseInt(p.getProperty("logfiles", "3")),
                    p.getProperty("base", ""), p.getProperty("command", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The restart policy as the monitor's plan word. */
    public static int restartKind(RestartPolicy policy) {
        return switch (policy) {
            case RestartPolicy.No n -> 0;
            case RestartPolicy.OnFailure f -> 1;
            case RestartPolicy.Always a -> 2;
            case RestartPolicy.UnlessStopped u -> 3;
        };
    }
}
