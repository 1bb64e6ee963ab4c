package dev.lit;

import java.io.Serial;

/** A container spec, or a value meant for one, is invalid; {@link #field()} names which part. */
public class InvalidSpecException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidSpecException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The spec field at fault, for example {@code resources.memory}. */
    public String field() {
        return field;
    }

    /** The message without the field prefix, for callers that print the location themselves. */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
