package dev.lit.config;

import dev.lit.LitException;
import java.io.Serial;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A lit.yml file is wrong. The message reads {@code FILE:LINE:COLUMN: message}, the form
 * compilers use, so terminals and editors can jump to the spot; lines and columns count from 1.
 */
public class LitFileException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    private final transient Path file;
    /** The line of the fault, from 1. */
    private final int line;
    /** The column of the fault, from 1. */
    private final int column;
    /** What is wrong, without the location. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param file the file at fault
     * @param line the line, from 1
     * @param column the column, from 1
     * @param reason what is wrong there
     */
    public LitFileException(Path file, int line, int column, String reason) {
        this(file, line, column, reason, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param file the file at fault
     * @param line the line, from 1
     * @param column the column, from 1
     * @param reason what is wrong there
     * @param cause the parser's or validator's failure, or null
     */
    public LitFileException(Path file, int line, int column, String reason, @Nullable Throwable cause) {
        super(file + ":" + line + ":" + column + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /**
     * The lit.yml file at fault, as it was given.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    /**
     * The line of the fault, from 1.
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * The column of the fault, from 1.
     *
     * @return the column
     */
    public int column() {
        return column;
    }

    /**
     * The message without the {@code FILE:LINE:COLUMN: } prefix.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
