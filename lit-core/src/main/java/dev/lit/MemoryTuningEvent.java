package dev.lit;

import java.time.Instant;

/**
 * One decision of the automatic memory tuner that changed the soft limit, with its reason.
 *
 * @param time      when the tuner decided
 * @param action    which way the limit moved
 * @param fromBytes the soft limit before ({@link Long#MAX_VALUE} for none)
 * @param toBytes   the soft limit after ({@link Long#MAX_VALUE} for none)
 * @param reason    the readings behind the decision, for people
 */
public record MemoryTuningEvent(Instant time, Action action, long fromBytes, long toBytes, String reason) {

    /** The ways a decision moves the limit. */
    public enum Action {
        /** Pressure stayed under the target: push out cold memory. */
        LOWER,
        /** Pressure rose or the workload grew into the limit: give memory back quickly. */
        RAISE,
        /** The container came close to an OOM kill: the limit goes to the ceiling at once. */
        LIFT,
        /** Nothing to change. */
        HOLD
    }
}
