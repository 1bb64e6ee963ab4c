package dev.lit.testcontainers;

import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Waits for an HTTP answer: see {@link LitWait#forHttp(String)}.
 *
 * @param path         the request path, starting with {@code /}
 * @param port         the container port to ask; null for the first exposed port
 * @param statusCodes  the statuses that mean ready; empty for 200
 * @param bodyMatches  a test the response body must pass too; null for none
 */
public record HttpWait(String path, @Nullable Integer port, Set<Integer> statusCodes,
        @Nullable Predicate<String> bodyMatches) implements LitWait {
    /** Checks the path and port and copies the statuses. */
    public HttpWait {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with /: '" + path + "'");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        statusCodes = Set.copyOf(statusCodes);
    }

    /**
     * Asks this container port instead of the first exposed one.
     *
     * @param value a container port
     * @return the new strategy
     */
    public HttpWait forPort(int value) {
        return new HttpWait(path, value, statusCodes, bodyMatches);
    }

    /**
     * Also accepts this status; the first call replaces the default 200.
     *
     * @param value an HTTP status
     * @return the new strategy
     */
    public HttpWait forStatusCode(int value) {
        var codes = new java.util.HashSet<>(statusCodes);
        codes.add(value);
        return new HttpWait(path, port, codes, bodyMatches);
    }

    /**
     * Requires the response body to pass {@code test} as well.
     *
     * @param test a test of the body text
     * @return the new strategy
     */
    public HttpWait forResponsePredicate(Predicate<String> test) {
        return new HttpWait(path, port, statusCodes, test);
    }

    boolean accepts(int status, String body) {
        boolean statusOk = statusCodes.isEmpty() ? status == 200 : statusCodes.contains(status);
        return statusOk && (bodyMatches == null || bodyMatches.test(body));
    }

    @Override
    public String toString() {
        return "HTTP GET " + path + (port == null ? "" : " on port " + port) + " to answer "
                + (statusCodes.isEmpty() ? "200" : statusCodes.toString());
    }
}
