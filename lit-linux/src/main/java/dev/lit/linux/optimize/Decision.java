package dev.lit.linux.optimize;

import dev.lit.MemoryTuningEvent.Action;

/**
 * What the policy decided for one interval.
 *
 * @param action   which way the soft limit moves
 * @param limit    the soft limit from now on ({@link Long#MAX_VALUE} for none)
 * @param pressure the pressure measured over the interval, as a fraction (NaN for the first reading)
 * @param reason   the readings behind it, for people
 */
public record Decision(Action action, long limit, double pressure, String reason) {
}
