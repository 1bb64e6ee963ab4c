package dev.lit;

import java.io.Serial;

/** The spec asks for something this version of Lit does not implement yet; it is refused, never ignored. */
public class UnsupportedFeatureException extends LitException {
    @Serial private static final long serialVersionUID = 1L;
    private final String feature;

    public UnsupportedFeatureException(String feature, String message) {
        super(feature + " is not supported yet: " + message);
        this.feature = feature;
    }

    public String feature() {
        return feature;
    }
}
