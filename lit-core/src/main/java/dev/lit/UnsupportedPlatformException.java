package dev.lit;

import java.io.Serial;

/** No container runtime can run on this host; the message says why for each one that was found. */
public class UnsupportedPlatformException extends LitException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why no runtime can run here
     */
    public UnsupportedPlatformException(String message) {
        super(message);
    }
}
