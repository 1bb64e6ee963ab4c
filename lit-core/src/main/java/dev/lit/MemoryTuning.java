package dev.lit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the automatic memory tuner moves a container's soft memory limit. Every parameter has a
 * default ({@link #DEFAULTS}); the constructor rejects values that cannot work.
 *
 * @param interval       how often the tuner reads the cgroup and decides, at least 100 ms
 * @param pressureTarget the memory pressure the tuner accepts, as a fraction of the interval
 *                       (cgroup v2: time some task stalled on memory, PSI "some"; cgroup v1: bytes
 *                       refaulted per interval over usage); above it the limit goes up, below it down
 * @param lowerStep      the largest fraction of usage one step down removes (scaled by how far
 *                       pressure is below the target)
 * @param raiseStep      the fraction of the limit one step up adds (scaled up with the pressure)
 * @param floor          the tuner never sets the soft limit below this
 * @param ceiling        the highest soft limit; null means {@code resources.memory}, or no limit
 *                       when the container has none. Never above {@code resources.memory}.
 */
public record MemoryTuning(Duration interval, double pressureTarget, double lowerStep, double raiseStep,
                           ByteSize floor, @Nullable ByteSize ceiling) {

    /** One second, 0.1% pressure, 2% down and 25% up per step, 16M floor, ceiling from resources.memory. */
    public static final MemoryTuning DEFAULTS = new MemoryTuning(Duration.ofSeconds(1), 0.001, 0.02, 0.25,
            ByteSize.ofMiB(16), null);

    /**
     * Checks each parameter's range, and that the ceiling is above the floor.
     *
     * @throws InvalidSpecException naming the parameter that is out of range
     */
    public MemoryTuning {
        if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidSpecException("optimize.auto_memory_tune.interval", "must be between 100ms and 1h (got " + interval.toMillis() + "ms)");
        }
        if (!(pressureTarget > 0 && pressureTarget < 1)) {
            throw new InvalidSpecException("optimize.auto_memory_tune.pressure_target", "must be a fraction above 0 and below 1, such as 0.001 or 0.1% (got " + pressureTarget + ")");
        }
        if (!(lowerStep > 0 && lowerStep <= 0.5)) {
            throw new InvalidSpecException("optimize.auto_memory_tune.lower_step", "must be above 0 and at most 0.5 (got " + lowerStep + ")");
        }
        if (!(raiseStep > 0 && raiseStep <= 4)) {
            throw new InvalidSpecException("optimize.auto_memory_tune.raise_step", "must be above 0 and at most 4 (got " + raiseStep + ")");
        }
        if (floor.bytes() < 4L << 20) {
            throw new InvalidSpecException("optimize.auto_memory_tune.floor", "must be at least 4M (got " + floor + ")");
        }
        if (ceiling != null && ceiling.compareTo(floor) <= 0) {
            throw new InvalidSpecException("optimize.auto_memory_tune.ceiling", "the ceiling " + ceiling + " must be above the floor " + floor);
        }
    }

    /**
     * A copy with another interval.
     *
     * @param value the time between two steps, 100ms to 1h
     * @return the copy
     */
    public MemoryTuning withInterval(Duration value) {
        return new MemoryTuning(value, pressureTarget, lowerStep, raiseStep, floor, ceiling);
    }

    /**
     * A copy with another pressure target.
     *
     * @param value the share of time stalled on memory to aim at, above 0 and below 1
     * @return the copy
     */
    public MemoryTuning withPressureTarget(double value) {
        return new MemoryTuning(interval, value, lowerStep, raiseStep, floor, ceiling);
    }

    /**
     * A copy with another lowering step.
     *
     * @param value the fraction the limit drops by per step, above 0 and at most 0.5
     * @return the copy
     */
    public MemoryTuning withLowerStep(double value) {
        return new MemoryTuning(interval, pressureTarget, value, raiseStep, floor, ceiling);
    }

    /**
     * A copy with another raising step.
     *
     * @param value the fraction the limit grows by per step, above 0 and at most 4
     * @return the copy
     */
    public MemoryTuning withRaiseStep(double value) {
        return new MemoryTuning(interval, pressureTarget, lowerStep, value, floor, ceiling);
    }

    /**
     * A copy with another floor.
     *
     * @param value the lowest soft limit, at least 4M
     * @return the copy
     */
    public MemoryTuning withFloor(ByteSize value) {
        return new MemoryTuning(interval, pressureTarget, lowerStep, raiseStep, value, ceiling);
    }

    /**
     * A copy with another ceiling.
     *
     * @param value the highest soft limit; null for resources.memory
     * @return the copy
     */
    public MemoryTuning withCeiling(@Nullable ByteSize value) {
        return new MemoryTuning(interval, pressureTarget, lowerStep, raiseStep, floor, value);
    }
}
