package dev.lit.linux.image;

import dev.lit.LitException;
import java.io.Serial;

/** Pulling, storing, unpacking or pushing an image failed; the message says what and where. */
public class ImageException extends LitException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, and where
     */
    public ImageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, and where
     * @param cause the underlying failure
     */
    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
