package dev.lit.linux.optimize;

import dev.lit.MemoryTuning;
import dev.lit.MemoryTuningEvent.Action;
import org.jspecify.annotations.Nullable;

/**
 * The tuner's decisions, from readings alone (no I/O, so it is tested against recorded readings).
 * Like senpai it lowers the soft limit stepwise while memory pressure stays under the target and
 * backs off when pressure rises. Beyond that it:
 * <ul>
 *   <li>never lowers toward memory it cannot push out: without swap anonymous memory stays, so
 *       the floor keeps a quarter of headroom above it;</li>
 *   <li>raises in the same interval when the workload grows into the limit (anonymous memory
 *       close to it, growth that would cross it before the next reading, or a memory.events
 *       {@code high} count that no step down of its own explains) instead of waiting for PSI's
 *       averages to notice the stall;</li>
 *   <li>lifts to the ceiling at once on OOM signs or when the growth would reach the hard maximum;</li>
 *   <li>takes a quarter of the inactive page cache per step while nothing stalls or refaults at all,
 *       so cold cache goes in seconds, not minutes;</li>
 *   <li>settles for a few intervals after moving up, so it does not saw up and down.</li>
 * </ul>
 * Not thread-safe: one tuner thread owns it.
 */
public final class TuningPolicy {
    /** No soft limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    static final double HEADROOM = 1.25;
    static final double GROWN_INTO = 0.9;
    static final int SETTLE_INTERVALS = 3;
    static final long MIN_CHANGE = 512L << 10;
    private static final long PAGE = 4096;

    private final MemoryTuning params;
    private final long ceiling;
    private long limit;
    private @Nullable MemoryReading previous;
    private Action lastAction = Action.HOLD;
    private int sinceRaise = Integer.MAX_VALUE;

    /**
     * A policy that starts at the ceiling and moves down while pressure stays below the target.
     *
     * @param params  the user's parameters
     * @param ceiling the highest soft limit in bytes ({@link #UNLIMITED} for none); the limit starts there
     */
    public TuningPolicy(MemoryTuning params, long ceiling) {
        this.params = params;
        this.ceiling = ceiling;
        this.limit = ceiling;
    }

    /**
     * The soft limit as the policy last decided it.
     *
     * @return the limit in bytes
     */
    public long limit() {
        return limit;
    }

    /**
     * The policy's view of the limit after a writer could not apply a decision fully.
     *
     * @param actual the limit the kernel now holds, in bytes
     */
    public void limitApplied(long actual) {
        limit = Math.min(ceiling, actual);
    }

    /**
     * Decides for the interval that ends with {@code now}.
     *
     * @param now this interval's reading
     * @return the decision, a hold included
     */
    public Decision next(MemoryReading now) {
        MemoryReading prev = previous;
        previous = now;
        Decision d = prev == null
                ? new Decision(Action.HOLD, limit, Double.NaN, "first reading: usage " + size(now.current()) + ", anon " + size(now.anon()))
                : decide(prev, now);
        if (d.action() == Action.RAISE || d.action() == Action.LIFT) {
            sinceRaise = 0;
        } else if (sinceRaise != Integer.MAX_VALUE) {
            sinceRaise++;
        }
        lastAction = d.action();
        limit = d.limit();
        return d;
    }

    private Decision decide(MemoryReading prev, MemoryReading now) {
        double pressure = pressure(prev, now);
        long oom = delta(prev.oomKills(), now.oomKills()) + delta(prev.oomEvents(), now.oomEvents());
        // v1's failcnt also counts the reclaim pulses the tuner itself makes, so only v2's max events count here.
        long hitMax = now.hasStallTime() ? delta(prev.maxEvents(), now.maxEvents()) : 0;
        long growth = Math.max(0, now.anon() - prev.anon());
        boolean belowCeiling = limit < ceiling;

        if (belowCeiling && (oom > 0 || hitMax > 0)) {
            return lift(pressure, (oom > 0 ? "OOM events +" + oom : "memory.events max +" + hitMax)
                    + ": lifting to the ceiling before anything else is killed");
        }
        if (belowCeiling && (now.anon() >= GROWN_INTO * limit || now.anon() + 2 * growth >= limit)) {
            long wanted = Math.max(grow(limit, 1), scaled(now.anon() + 2 * growth, HEADROOM));
            String why = "anon " + size(now.anon()) + " (+" + size(growth) + " this interval) is close to the soft limit " + size(limit);
            if (wanted >= GROWN_INTO * ceiling) {
                return lift(pressure, why + " and the growth would reach the hard maximum");
            }
            return raise(pressure, wanted, why);
        }
        if (belowCeiling && pressure > params.pressureTarget()) {
            double scale = Math.min(4, pressure / params.pressureTarget());
            return raise(pressure, grow(limit, scale), "pressure " + percent(pressure) + " is above the target " + percent(params.pressureTarget()));
        }
        long high = delta(prev.highEvents(), now.highEvents());
        if (belowCeiling && high > 0 && lastAction != Action.LOWER) {
            return raise(pressure, grow(limit, 1), "memory.events high +" + high + " with no step down to explain it: the workload grew into the limit");
        }
        long notices = delta(prev.pressureNotices(), now.pressureNotices());
        if (belowCeiling && notices > 0 && lastAction != Action.LOWER) {
            return raise(pressure, grow(limit, 1), notices + " medium memory pressure notifications with no step down to explain them");
        }
        if (pressure > params.pressureTarget()) {
            return new Decision(Action.HOLD, limit, pressure, "pressure " + percent(pressure) + " is above the target, at the ceiling");
        }
        if (sinceRaise < SETTLE_INTERVALS) {
            return new Decision(Action.HOLD, limit, pressure, "settling after a raise (" + (sinceRaise + 1) + " of " + SETTLE_INTERVALS + " intervals)");
        }
        long floor = Math.max(params.floor().bytes(), scaled(now.anon(), HEADROOM));
        long base = Math.min(limit, now.current());
        double slack = Double.isNaN(pressure) ? 1 : Math.max(0, 1 - pressure / params.pressureTarget());
        long step = (long) (base * params.lowerStep() * slack);
        if (pressure == 0) {
            // Nothing stalled or refaulted: the inactive page cache is cold, take a quarter of it at once
            // rather than senpai's small fixed steps (the kernel reclaims inactive pages first).
            step = Math.max(step, now.inactiveFile() / 4);
        }
        if (slack >= 0.5) {
            // a small container still moves: the proportional step alone would stall under MIN_CHANGE
            step = Math.max(step, MIN_CHANGE);
        }
        long target = pageAligned(Math.max(floor, base - step));
        // Small steps are skipped (each write has a cost), except the last one onto the floor.
        if (target <= limit - MIN_CHANGE || (target == floor && target < limit)) {
            return new Decision(Action.LOWER, target, pressure, "pressure " + percent(pressure) + " is under the target " + percent(params.pressureTarget())
                    + ": usage " + size(now.current()) + " (anon " + size(now.anon()) + ", inactive file " + size(now.inactiveFile()) + ")");
        }
        return new Decision(Action.HOLD, limit, pressure, target <= floor ? "at the floor " + size(floor) + " (anon " + size(now.anon()) + " plus headroom)"
                : "pressure " + percent(pressure) + ", nothing worth moving");
    }

    private Decision lift(double pressure, String reason) {
        return new Decision(Action.LIFT, ceiling, pressure, reason);
    }

    private Decision raise(double pressure, long wanted, String reason) {
        long to = Math.min(ceiling, pageAligned(wanted));
        return new Decision(to >= ceiling ? Action.LIFT : Action.RAISE, to, pressure, reason);
    }

    private long grow(long from, double scale) {
        double added = from * params.raiseStep() * scale;
        return added >= ceiling - from ? ceiling : from + (long) Math.max(MIN_CHANGE, added);
    }

    /** Stall time over the interval (v2) or bytes refaulted over usage (v1). */
    private static double pressure(MemoryReading prev, MemoryReading now) {
        if (now.hasStallTime() && prev.hasStallTime()) {
            double micros = (now.nanos() - prev.nanos()) / 1000.0;
            return micros <= 0 ? 0 : delta(prev.stallMicros(), now.stallMicros()) / micros;
        }
        if (now.refaultedBytes() >= 0 && prev.refaultedBytes() >= 0) {
            return (double) delta(prev.refaultedBytes(), now.refaultedBytes()) / Math.max(PAGE, now.current());
        }
        return 0;
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? 0 : Math.max(0, after - before);
    }

    private static long scaled(long bytes, double factor) {
        return pageAligned((long) Math.min(UNLIMITED / 2.0, bytes * factor));
    }

    private static long pageAligned(long bytes) {
        return bytes >= UNLIMITED / 2 ? bytes : (bytes + PAGE - 1) / PAGE * PAGE;
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "unknown" : String.format(java.util.Locale.ROOT, "%.3f%%", fraction * 100);
    }

    static String size(long bytes) {
        if (bytes == UNLIMITED) {
            return "unlimited";
        }
        if (bytes < 10L << 20) {
            return (bytes >> 10) + "K";
        }
        return String.format(java.util.Locale.ROOT, "%.1fM", bytes / 1048576.0);
    }
}
