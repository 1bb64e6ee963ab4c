package dev.lit;

import org.jspecify.annotations.Nullable;

/**
 * What Lit's optimizer does for a container while it runs ({@code optimize:} in lit.yml).
 *
 * @param memoryTuning the automatic memory tuner's parameters; null leaves the limits as set
 * @param shrink       how far a background job slims the container's image (an image base only)
 *                     into a copy that later starts of it at the same level use
 */
public record Optimize(@Nullable MemoryTuning memoryTuning, ShrinkImage shrink) {
    /** No optimization: limits stay exactly as {@link Resources} sets them. */
    public static final Optimize NONE = new Optimize(null, ShrinkImage.OFF);

    /**
     * Memory tuning and the standard shrink level on or off.
     *
     * @param memoryTuning the tuner's parameters; null for none
     * @param shrinkImage  true for {@link ShrinkImage#STANDARD}, false for {@link ShrinkImage#OFF}
     */
    public Optimize(@Nullable MemoryTuning memoryTuning, boolean shrinkImage) {
        this(memoryTuning, shrinkImage ? ShrinkImage.STANDARD : ShrinkImage.OFF);
    }

    /**
     * Memory tuning only.
     *
     * @param memoryTuning the tuner's parameters; null for none
     */
    public Optimize(@Nullable MemoryTuning memoryTuning) {
        this(memoryTuning, ShrinkImage.OFF);
    }

    /**
     * Automatic memory tuning with default parameters.
     *
     * @return the settings
     */
    public static Optimize autoMemoryTune() {
        return new Optimize(MemoryTuning.DEFAULTS);
    }

    /**
     * Whether the memory tuner runs.
     *
     * @return true when it has parameters
     */
    public boolean autoMemoryTuneEnabled() {
        return memoryTuning != null;
    }

    /**
     * Whether a slim image is built or used, at any level.
     *
     * @return true unless shrinking is off
     */
    public boolean shrinkImage() {
        return shrink.enabled();
    }

    /**
     * A copy with other tuning parameters.
     *
     * @param value the parameters; null to turn tuning off
     * @return the copy
     */
    public Optimize withMemoryTuning(@Nullable MemoryTuning value) {
        return new Optimize(value, shrink);
    }

    /**
     * A copy with image shrinking at the standard level or off.
     *
     * @param value true for the standard level, false for off
     * @return the copy
     */
    public Optimize withShrinkImage(boolean value) {
        return new Optimize(memoryTuning, value);
    }

    /**
     * A copy with another shrinking level.
     *
     * @param value the level and, for the aggressive one, its check
     * @return a copy with that level
     */
    public Optimize withShrink(ShrinkImage value) {
        return new Optimize(memoryTuning, value);
    }
}
