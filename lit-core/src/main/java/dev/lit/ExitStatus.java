package dev.lit;

/** How a container's main process ended. */
public sealed interface ExitStatus {

    /**
     * The exit code a shell would report: the code itself, or 128 plus the signal number.
     *
     * @return the code
     */
    int code();

    /**
     * Whether the code is 0.
     *
     * @return true on success
     */
    default boolean success() {
        return code() == 0;
    }

    /**
     * The process called exit with this code.
     *
     * @param exitCode the code passed to exit, 0 to 255
     */
    record Exited(int exitCode) implements ExitStatus {
        @Override
        public int code() {
            return exitCode;
        }

        @Override
        public String toString() {
            return "exited with code " + exitCode;
        }
    }

    /**
     * The process was ended by a signal.
     *
     * @param signal the signal's number
     */
    record Signaled(int signal) implements ExitStatus {
        @Override
        public int code() {
            return 128 + signal;
        }

        @Override
        public String toString() {
            return "killed by " + Signal.of(signal).map(Enum::name).orElse("signal " + signal);
        }
    }

    /**
     * The kernel's OOM killer ended a process because the container reached its memory limit.
     *
     * @param signal the signal that killed it, SIGKILL's number in practice
     */
    record OomKilled(int signal) implements ExitStatus {
        @Override
        public int code() {
            return 128 + signal;
        }

        @Override
        public String toString() {
            return "killed by the OOM killer (memory limit reached)";
        }
    }
}
