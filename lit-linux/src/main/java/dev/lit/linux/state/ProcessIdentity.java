package dev.lit.linux.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named by pid and start time (clock ticks since boot, /proc/PID/stat field 22),
 * so that a recycled pid is never mistaken for the process a state file recorded.
 *
 * @param pid the process id
 * @param startTime its start time, in clock ticks since boot
 */
public record ProcessIdentity(long pid, long startTime) {

    /**
     * This JVM, read once: its pid and start time never change.
     *
     * @return this JVM's identity
     */
    public static ProcessIdentity self() {
        return Self.IDENTITY;
    }

    private static final class Self {
        static final ProcessIdentity IDENTITY = of(ProcessHandle.current().pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/self/stat"));
    }

    /**
     * The identity of a running process, read from /proc.
     *
     * @param pid the process id
     * @return its identity, or empty if there is no such process
     */
    public static Optional<ProcessIdentity> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: fields resume after the last ')'
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new ProcessIdentity(pid, Long.parseLong(rest[19])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * True if this very process still exists (zombies count as gone).
     *
     * @return true if a process with this pid and start time exists and is not a zombie
     */
    public boolean isAlive() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return !rest[0].equals("Z") && Long.parseLong(rest[19]) == startTime;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return pid + "@" + startTime;
    }

    /**
     * Parses {@code pid@start} as {@link #toString()} writes it.
     *
     * @param text the identity as text
     * @return the identity
     */
    public static ProcessIdentity parse(String text) {
        int at = text.indexOf('@');
        return new ProcessIdentity(Long.parseLong(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
    }
}
