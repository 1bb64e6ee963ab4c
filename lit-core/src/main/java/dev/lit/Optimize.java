package dev.lit;

import org.jspecify.annotations.Nullable;

/**
 * What Lit's optimizer does for a container while it runs ({@code optimize:} in lit.yml).
 *
 * @param memoryTuning the automatic memory tuner's parameters; null leaves the limits as set
 * @param shrinkImage  whether a background job builds a slim copy of the container's image
 *                     (an image base only) that later starts of it with this flag use
 */
public record Optimize(@Nullable MemoryTuning memoryTuning, boolean shrinkImage) {
    /** No optimization: limits stay exactly as {@link Resources} sets them. */
    public static final Optimize NONE = new Optimize(null, false);

    /**
     * Memory tuning only.
     *
     * @param memoryTuning the tuner's parameters; null for none
     */
    public Optimize(@Nullable MemoryTuning memoryTuning) {
        this(memoryTuning, false);
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
     * A copy with other tuning parameters.
     *
     * @param value the parameters; null to turn tuning off
     * @return the copy
     */
    public Optimize withMemoryTuning(@Nullable MemoryTuning value) {
        return new Optimize(value, shrinkImage);
    }

    /**
     * A copy with image shrinking on or off.
     *
     * @param value true to build a slim image
     * @return the copy
     */
    public Optimize withShrinkImage(boolean value) {
        return new Optimize(memoryTuning, value);
    }
}
