package dev.lit.compose;

import dev.lit.LitException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A service of an application did not come up: its container did not start, it ended
 * before it was ready, or its readiness check gave up. Everything the start had created
 * was removed before this was thrown.
 */
public class ServiceStartException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    /** The service that failed. */
    private final String service;

    /**
     * A service's failure to start.
     *
     * @param service the service
     * @param message how it failed
     * @param cause   the failure behind it, if any
     */
    public ServiceStartException(String service, String message, @Nullable Throwable cause) {
        super("service '" + service + "' failed to start: " + message, cause);
        this.service = service;
    }

    /**
     * The service that failed.
     *
     * @return its name
     */
    public String service() {
        return service;
    }
}
