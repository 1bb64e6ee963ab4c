package dev.lit.linux.plan;

/** One record the helper or the init sends back (see report.c). */
public sealed interface Report {

    /** The host pid of the container's PID 1. */
    record Pid(int pid) implements Report {
    }

    /** The command was executed (sent by the init). */
    record Started() implements Report {
    }

    /** The command exited with this code (sent by the init). */
    record Exited(int code) implements Report {
    }

    /** The command was killed by this signal (sent by the init). */
    record Signaled(int signal) implements Report {
    }

    /** A step failed. */
    record Failed(String syscall, int errno, String detail) implements Report {
    }

    /** Parses one line without its newline. */
    static Report parse(String line) {
        String[] f = line.split("\t", 4);
        try {
            return switch (f[0]) {
                case "pid" -> new Pid(Integer.parseInt(f[1]));
                case "started" -> new Started();
                case "exit" -> new Exited(Integer.parseInt(f[1]));
                case "signal" -> new Signaled(Integer.parseInt(f[1]));
                case "error" -> new Failed(f[1], Integer.parseInt(f[2]), f.length > 3 ? f[3] : "");
                default -> throw new IllegalArgumentException("unknown record");
            };
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable report from lit-helper: '" + line + "'", e);
        }
    }
}
