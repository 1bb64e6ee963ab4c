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

    /** Memory tuning only. */
    public Optimize(@Nullable MemoryTuning memoryTuning) {
        this(memoryTuning, false);
    }

    /** Automatic memory tuning with default parameters. */
    public static Optimize autoMemoryTune() {
        return new Optimize(MemoryTuning.DEFAULTS);
    }

    public boolean autoMemoryTuneEnabled() {
        return memoryTuning != null;
    }

    public Optimize withMemoryTuning(@Nullable MemoryTuning value) {
        return new Optimize(value, shrinkImage);
    }

    public Optimize withShrinkImage(boolean value) {
        return new Optimize(memoryTuning, value);
    }
}
