package dev.lit.linux.image;

import dev.lit.LitException;
import java.io.Serial;

/** Pulling, storing, unpacking or pushing an image failed; the message says what and where. */
public class ImageException extends LitException {
    @Serial private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
