package dev.lit.linux.state;

import dev.lit.ExitStatus;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The monitor's {@code status} file, replaced atomically at each change.
 *
 * @param monitor  the monitor process
 * @param state    starting, running, restarting or exited
 * @param init     the current (or last) PID 1
 * @param restarts how many restarts so far
 * @param exit     how the last run ended, if one did
 * @param finished when it ended
 */
public record MonitorStatus(ProcessIdentity monitor, String state, @Nullable ProcessIdentity init, int restarts,
                            @Nullable ExitStatus exit, @Nullable Instant finished) {
    /** The file's name in the container's state directory. */
    public static final String FILE = "status";

    /**
     * Reads a container's status file.
     *
     * @param containerDir the container's state directory
     * @return the status, or empty if there is no (readable) status file: not a detached container, or not started yet
     */
    public static Optional<MonitorStatus> read(Path containerDir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(containerDir.resolve(FILE))) {
            p.load(in);
            String pid = p.getProperty("pid", "");
            ExitStatus exit = null;
            if (p.getProperty("exit") != null) {
                exit = new ExitStatus.Exited(Integer.parseInt(p.getProperty("exit")));
            } else if (p.getProperty("signal") != null) {
                exit = new ExitStatus.Signaled(Integer.parseInt(p.getProperty("signal")));
            }
            String finished = p.getProperty("finished");
            return Optional.of(new MonitorStatus(ProcessIdentity.parse(p.getProperty("monitor")), p.getProperty("state"),
                    pid.isEmpty() ? null : ProcessIdentity.parse(pid), Integer.parseInt(p.getProperty("restarts", "0")),
                    exit, finished == null ? null : Instant.parse(finished)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the container still runs or will run again.
     *
     * @return true if its monitor lives and has not said "exited"
     */
    public boolean alive() {
        return !state.equals("exited") && monitor.isAlive();
    }
}
