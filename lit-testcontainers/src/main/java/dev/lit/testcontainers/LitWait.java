package dev.lit.testcontainers;

/**
 * When a started {@link LitContainer} counts as ready; {@link LitContainer#start()} returns only
 * then, or fails when the container ends first or the startup timeout passes. Strategies are
 * immutable: each {@code for...} method returns a new one.
 */
public sealed interface LitWait permits LogMessageWait, ListeningPortWait, HttpWait {

    /**
     * Ready once {@code times} lines of the container's stdout or stderr match {@code regex}.
     * A line is matched whole, with or without its newline, in DOTALL mode: Testcontainers' usual
     * {@code ".*started.*\\n"} works, as do {@code ".*started.*"} and {@code "started"} for a line that says just that.
     *
     * @param regex the pattern a line must match
     * @param times how many such lines make the container ready
     * @return the strategy
     */
    static LogMessageWait forLogMessage(String regex, int times) {
        return new LogMessageWait(regex, times);
    }

    /**
     * Ready once every exposed port is listening inside the container.
     *
     * @return the strategy
     */
    static ListeningPortWait forListeningPort() {
        return new ListeningPortWait(java.util.List.of());
    }

    /**
     * Ready once each of {@code ports} is listening inside the container.
     *
     * @param ports container ports
     * @return the strategy
     */
    static ListeningPortWait forListeningPorts(int... ports) {
        return new ListeningPortWait(java.util.Arrays.stream(ports).boxed().toList());
    }

    /**
     * Ready once an HTTP GET of {@code path} on the first exposed port (or {@link HttpWait#forPort})
     * answers 200 (or {@link HttpWait#forStatusCode}), reached through {@link LitContainer#getHost()}
     * and {@link LitContainer#getMappedPort(int)}.
     *
     * @param path the request path, starting with {@code /}
     * @return the strategy, to refine with {@link HttpWait#forPort}, {@link HttpWait#forStatusCode} and
     *         {@link HttpWait#forResponsePredicate}
     */
    static HttpWait forHttp(String path) {
        return new HttpWait(path, null, java.util.Set.of(), null);
    }
}
