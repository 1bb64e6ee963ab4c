package dev.lit.linux.image;

import java.io.Serial;

/** Content did not have the digest it was asked for by: it was discarded. */
public final class DigestMismatchException extends ImageException {
    @Serial private static final long serialVersionUID = 1L;
    /** The digest asked for. */
    private final Digest expected;
    /** The digest the content had. */
    private final Digest actual;

    /**
     * Creates the exception.
     *
     * @param expected the digest asked for
     * @param actual the digest the content had
     * @param what the content, for the message, such as a layer's reference
     */
    public DigestMismatchException(Digest expected, Digest actual, String what) {
        super("digest mismatch for " + what + ": expected " + expected + " but got " + actual + "; the download was discarded");
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * The digest asked for.
     *
     * @return the digest
     */
    public Digest expected() {
        return expected;
    }

    /**
     * The digest the content had.
     *
     * @return the digest
     */
    public Digest actual() {
        return actual;
    }
}
