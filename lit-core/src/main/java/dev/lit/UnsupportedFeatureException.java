package dev.lit;

import java.io.Serial;

/** The spec asks for something this version of Lit does not implement yet; it is refused, never ignored. */
public class UnsupportedFeatureException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    /** The unsupported feature. */
    private final String feature;

    /**
     * Creates the exception.
     *
     * @param feature the feature, as lit.yml names it
     * @param message what is missing, and what to do instead
     */
    public UnsupportedFeatureException(String feature, String message) {
        super(feature + " is not supported yet: " + message);
        this.feature = feature;
    }

    /**
     * The feature that is not supported.
     *
     * @return its lit.yml name
     */
    public String feature() {
        return feature;
    }
}
