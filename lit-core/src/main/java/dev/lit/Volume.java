package dev.lit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A named volume: a directory Lit keeps under its root, created on first use by a
 * {@link Mount.Volume} mount and kept when containers go.
 *
 * @param name    its name
 * @param path    the host directory containers see
 * @param created when it was created
 */
public record Volume(String name, Path path, Instant created) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    /** Checks the name. */
    public Volume {
        requireValidName(name);
    }

    /**
     * Checks a volume name: as Docker's, letters, digits, '_', '.', '-', starting with a letter or digit.
     *
     * @param name the name
     * @return the name, valid
     * @throws InvalidSpecException if it is not a valid name
     */
    public static String requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSpecException("mounts", "'" + name + "' is not a valid volume name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at most 128 characters");
        }
        return name;
    }
}
