package dev.lit;

import org.jspecify.annotations.Nullable;

/**
 * What Lit's optimizer does for a container while it runs ({@code optimize:} in lit.yml).
 *
 * @param memoryTuning the automatic memory tuner's parameters; null leaves the limits as set
 */
public record Optimize(@Nullable MemoryTuning memoryTuning) {
    /** No optimization: limits stay exactly as {@link Resources} sets them. */
    public static final Optimize NONE = new Optimize(null);

    /** Automatic memory tuning with default parameters. */
    public static Optimize autoMemoryTune() {
        return new Optimize(MemoryTuning.DEFAULTS);
    }

    public boolean autoMemoryTuneEnabled() {
        return memoryTuning != null;
    }
}
