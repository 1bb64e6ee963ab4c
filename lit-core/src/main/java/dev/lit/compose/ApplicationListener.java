package dev.lit.compose;

/**
 * Hears what an application's services write and what happens to them. Called from the
 * services' own threads, possibly at once: implementations must be thread-safe and quick.
 */
public interface ApplicationListener {
    /** A listener that ignores everything. */
    ApplicationListener NONE = new ApplicationListener() {
    };

    /**
     * A service wrote a line on its standard output or error.
     *
     * @param line the line and who wrote it
     */
    default void output(LogLine line) {
    }

    /**
     * A service changed state.
     *
     * @param event the service and its new state
     */
    default void event(ServiceEvent event) {
    }

    /**
     * One line of a service's output.
     *
     * @param service the service that wrote it
     * @param stderr  whether it came on standard error
     * @param text    the line, without its terminator
     */
    record LogLine(String service, boolean stderr, String text) {
    }

    /**
     * A service reached a state.
     *
     * @param service the service
     * @param state   its new state
     * @param detail  a few words more (the container id, the exit status, the failure), or empty
     */
    record ServiceEvent(String service, State state, String detail) {
    }

    /** The states a service passes through, in order; {@link #FAILED} ends a start early. */
    enum State {
        /** Its dependencies are where it waits for them: its container is being started. */
        STARTING,
        /** Its container runs (the detail is the container's id). */
        STARTED,
        /** It passed its readiness check, or has none. */
        READY,
        /** It is being stopped (SIGTERM sent). */
        STOPPING,
        /** Its container is gone (the detail is how it ended). */
        STOPPED,
        /** It failed to start (the detail says why); the start is abandoned. */
        FAILED
    }
}
