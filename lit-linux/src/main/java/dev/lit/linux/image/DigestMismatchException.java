package dev.lit.linux.image;

import java.io.Serial;

/** Content did not have the digest it was asked for by: it was discarded. */
public final class DigestMismatchException extends ImageException {
    @Serial private static final long serialVersionUID = 1L;
    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual, String what) {
        super("digest mismatch for " + what + ": expected " + expected + " but got " + actual + "; the download was discarded");
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
