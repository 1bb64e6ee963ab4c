package dev.lit;

import java.util.List;

/**
 * How far {@code optimize.shrink_image} slims a container's image.
 *
 * @param level how much is removed
 * @param check the command whose behaviour the aggressive level keeps (run in the container while
 *              its opened files are recorded, then on the slim image, which must give the same exit
 *              code and output); empty for the other levels
 */
public record ShrinkImage(Level level, List<String> check) {
    /** No slimming. */
    public static final ShrinkImage OFF = new ShrinkImage(Level.OFF, List.of());
    /** Squash, drop package-manager leftovers, deduplicate. */
    public static final ShrinkImage STANDARD = new ShrinkImage(Level.STANDARD, List.of());

    /** The levels of {@code shrink_image}. */
    public enum Level {
        /** No slim image is built or used. */
        OFF,
        /** Layers squashed, package-manager leftovers dropped, identical files linked. */
        STANDARD,
        /** The standard tree reduced to the files the check command opens plus an allowlist, verified by the check. */
        AGGRESSIVE
    }

    /**
     * Validates the pair.
     *
     * @throws InvalidSpecException when the aggressive level has no check, or another level has one
     */
    public ShrinkImage {
        check = List.copyOf(check);
        if (level == Level.AGGRESSIVE && check.isEmpty()) {
            throw new InvalidSpecException("optimize.shrink_image.check",
                    "the aggressive level needs a check command: the slim image keeps what it opens and must pass it");
        }
        if (level != Level.AGGRESSIVE && !check.isEmpty()) {
            throw new InvalidSpecException("optimize.shrink_image.check", "a check command belongs to the aggressive level only, not " + level);
        }
        for (String arg : check) {
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidSpecException("optimize.shrink_image.check", "an argument cannot contain a NUL character");
            }
        }
    }

    /**
     * The aggressive level with this check command (argv, run without a shell).
     *
     * @param check the command; not empty
     * @return the level
     */
    public static ShrinkImage aggressive(List<String> check) {
        return new ShrinkImage(Level.AGGRESSIVE, check);
    }

    /**
     * The aggressive level with a shell command line, run as {@code /bin/sh -c line}.
     *
     * @param line the command line
     * @return the level
     */
    public static ShrinkImage aggressive(String line) {
        return aggressive(List.of("/bin/sh", "-c", line));
    }

    /**
     * Whether a slim image is built or used at all.
     *
     * @return true unless the level is off
     */
    public boolean enabled() {
        return level != Level.OFF;
    }
}
