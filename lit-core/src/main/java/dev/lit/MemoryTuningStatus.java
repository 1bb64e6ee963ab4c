package dev.lit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a container's automatic memory tuner stands.
 *
 * @param running        whether the tuner still runs
 * @param softLimitBytes the soft limit it set last ({@link Long#MAX_VALUE} for none)
 * @param ceilingBytes   the highest it may go ({@link Long#MAX_VALUE} for no limit)
 * @param lastDecision   the latest decision, a hold included; null before the first
 * @param recentChanges  the latest decisions that changed the limit, oldest first (a bounded window)
 * @param problem        why the tuner stopped or could not start; null when all is well
 */
public record MemoryTuningStatus(boolean running, long softLimitBytes, long ceilingBytes,
                                 @Nullable MemoryTuningEvent lastDecision, List<MemoryTuningEvent> recentChanges,
                                 @Nullable String problem) {
    /** Copies the list of recent changes. */
    public MemoryTuningStatus {
        recentChanges = List.copyOf(recentChanges);
    }
}
