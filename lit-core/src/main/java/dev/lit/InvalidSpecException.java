package dev.lit;

import java.io.Serial;

/** A container spec, or a value meant for one, is invalid; {@link #field()} names which part. */
public class InvalidSpecException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    /** The spec field at fault. */
    private final String field;

    /**
     * Creates the exception; its message is {@code field: message}.
     *
     * @param field the field at fault, as lit.yml names it, such as {@code resources.memory}
     * @param message what is wrong with it
     */
    public InvalidSpecException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /**
     * The spec field at fault, for example {@code resources.memory}.
     *
     * @return the field's lit.yml name
     */
    public String field() {
        return field;
    }

    /**
     * The message without the field prefix, for callers that print the location themselves.
     *
     * @return the reason alone
     */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
