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

    /** Memory tuning only. */
    public Optimize(@Nullable MemoryTuning memoryTuning) {
        this(memoryTuning, ShrinkImage.OFF);
    }

    /** Automatic memory tuning with default parameters. */
    public static Optimize autoMemoryTune() {
        return new Optimize(MemoryTuning.DEFAULTS);
    }

    public boolean autoMemoryTuneEnabled() {
        return memoryTuning != null;
    }

    /** @return whether a slim image is built or used, at any level */
    public boolean shrinkImage() {
        return shrink.enabled();
    }

    public Optimize withMemoryTuning(@Nullable MemoryTuning value) {
        return new Optimize(value, shrink);
    }

    /**
     * @param value true for the standard level, false for off
     * @return a copy with that level
     */
    public Optimize withShrinkImage(boolean value) {
        return new Optimize(memoryTuning, value);
    }

    /**
     * @param value the level and, for the aggressive one, its check
     * @return a copy with that level
     */
    public Optimize withShrink(ShrinkImage value) {
        return new Optimize(memoryTuning, value);
    }
}
