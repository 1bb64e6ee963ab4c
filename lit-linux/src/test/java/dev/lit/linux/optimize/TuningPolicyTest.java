package dev.lit.linux.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.ByteSize;
import dev.lit.MemoryTuning;
import dev.lit.MemoryTuningEvent.Action;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's decisions against recorded sequences of readings; no cgroup involved. */
class TuningPolicyTest {
    private static final long M = 1L << 20;
    private static final long SECOND = 1_000_000_000L;
    private static final long CEILING = 512 * M;

    /** A v2 reading builder: fields default to a quiet container. */
    private static final class R {
        long t;
        long current = 200 * M;
        long anon = 50 * M;
        long file = 150 * M;
        long high;
        long max;
        long oom;
        long kills;
        long stall;
        long refault;
        long notices = -1;
        boolean v1;

        R at(long seconds) {
            R r = copy();
            r.t = seconds * SECOND;
            return r;
        }

        R copy() {
            R r = new R();
            r.t = t; r.current = current; r.anon = anon; r.file = file; r.high = high; r.max = max; r.oom = oom;
            r.kills = kills; r.stall = stall; r.refault = refault; r.notices = notices; r.v1 = v1;
            return r;
        }

        MemoryReading reading() {
            return new MemoryReading(t, current, anon, file, file / 2, file / 2, v1 ? -1 : high, max, v1 ? -1 : oom, kills,
                    v1 ? -1 : stall, refault, notices);
        }
    }

    private static TuningPolicy policy() {
        return new TuningPolicy(MemoryTuning.DEFAULTS, CEILING);
    }

    private static List<Decision> run(TuningPolicy p, List<R> readings) {
        List<Decision> out = new ArrayList<>();
        for (R r : readings) {
            out.add(p.next(r.reading()));
        }
        return out;
    }

    @Test
    void firstReadingHoldsAtTheCeiling() {
        Decision d = policy().next(new R().reading());
        assertEquals(Action.HOLD, d.action());
        assertEquals(CEILING, d.limit());
        assertTrue(Double.isNaN(d.pressure()));
    }

    @Test
    void quietContainerIsLoweredStepwiseFromItsUsage() {
        TuningPolicy p = policy();
        R r = new R();
        List<Decision> ds = run(p, List.of(r.at(0), r.at(1), r.at(2), r.at(3)));
        assertEquals(Action.LOWER, ds.get(1).action());
        // the first step starts from usage (200M), not from the far higher ceiling
        assertTrue(ds.get(1).limit() < 200 * M && ds.get(1).limit() >= 150 * M, "limit " + ds.get(1).limit());
        assertTrue(ds.get(2).limit() < ds.get(1).limit());
        assertTrue(ds.get(3).limit() < ds.get(2).limit());
        assertTrue(ds.get(1).reason().contains("under the target"), ds.get(1).reason());
    }

    @Test
    void coldInactiveCacheGoesInBigStepsWhenNothingStalls() {
        TuningPolicy p = policy();
        R r = new R();
        r.current = 300 * M;
        r.anon = 20 * M;
        r.file = 280 * M; // half of it inactive
        run(p, List.of(r.at(0), r.at(1)));
        assertTrue(p.limit() <= 300 * M - 35 * M, "a quarter of 140M inactive: " + p.limit() / M + "M");
        TuningPolicy slow = policy();
        R stalled = r.copy();
        run(slow, List.of(stalled.at(0)));
        R some = stalled.at(1);
        some.stall = 500; // half the target: proportional steps only
        slow.next(some.reading());
        assertTrue(slow.limit() > 290 * M, "with some stall the step stays proportional: " + slow.limit() / M + "M");
    }

    @Test
    void loweringStopsAtAnonymousMemoryPlusHeadroom() {
        TuningPolicy p = policy();
        R r = new R();
        r.current = 70 * M;
        r.file = 20 * M;
        Decision d = null;
        for (int s = 0; s < 200; s++) {
            d = p.next(r.at(s).reading());
        }
        assertEquals(Action.HOLD, d.action());
        long floor = (long) (50 * M * TuningPolicy.HEADROOM);
        assertTrue(Math.abs(d.limit() - floor) < 4096 * 2, "limit " + d.limit() + " floor " + floor);
        assertTrue(d.reason().contains("floor"), d.reason());
    }

    @Test
    void neverBelowTheConfiguredFloor() {
        TuningPolicy p = new TuningPolicy(MemoryTuning.DEFAULTS.withFloor(ByteSize.ofMiB(100)), CEILING);
        R r = new R();
        r.anon = 10 * M;
        for (int s = 0; s < 300; s++) {
            Decision d = p.next(r.at(s).reading());
            assertTrue(d.limit() >= 100 * M, "limit " + d.limit());
        }
        assertEquals(100 * M, p.limit());
    }

    @Test
    void stallTimeAboveTheTargetRaisesTheLimitProportionally() {
        TuningPolicy p = policy();
        R r = new R();
        run(p, List.of(r.at(0), r.at(1), r.at(2)));
        long lowered = p.limit();
        R stalled = r.at(3);
        stalled.stall = 10_000; // 1% of a second: ten times the 0.1% target
        Decision d = p.next(stalled.reading());
        assertEquals(Action.RAISE, d.action());
        // 25% step scaled by min(4, 10)
        assertTrue(d.limit() >= lowered * 1.99, lowered + " -> " + d.limit());
        assertTrue(d.reason().contains("above the target"), d.reason());
    }

    @Test
    void slightPressureRaisesLessThanHeavyPressure() {
        TuningPolicy a = policy();
        TuningPolicy b = policy();
        R r = new R();
        run(a, List.of(r.at(0), r.at(1)));
        run(b, List.of(r.at(0), r.at(1)));
        R light = r.at(2);
        light.stall = 1_500;
        R heavy = r.at(2);
        heavy.stall = 50_000;
        long la = a.next(light.reading()).limit();
        long lb = b.next(heavy.reading()).limit();
        assertTrue(lb > la, la + " vs " + lb);
    }

    @Test
    void afterARaiseItSettlesBeforeLoweringAgain() {
        TuningPolicy p = policy();
        R r = new R();
        run(p, List.of(r.at(0), r.at(1)));
        R stalled = r.at(2);
        stalled.stall = 5_000;
        assertEquals(Action.RAISE, p.next(stalled.reading()).action());
        R quiet = stalled.at(3);
        List<Decision> ds = run(p, List.of(quiet, quiet.at(4), quiet.at(5), quiet.at(6)));
        assertEquals(List.of(Action.HOLD, Action.HOLD, Action.HOLD, Action.LOWER), ds.stream().map(Decision::action).toList());
        assertTrue(ds.getFirst().reason().contains("settling"));
    }

    @Test
    void highEventsWithoutAStepDownRaiseInTheSameInterval() {
        TuningPolicy p = policy();
        R r = new R();
        r.current = 60 * M;
        r.file = 10 * M;
        // lower to the floor, then hold there
        for (int s = 0; s < 100; s++) {
            p.next(r.at(s).reading());
        }
        assertEquals(Action.HOLD, p.next(r.at(100).reading()).action());
        R grew = r.at(101);
        grew.high = 3;
        Decision d = p.next(grew.reading());
        assertEquals(Action.RAISE, d.action());
        assertTrue(d.reason().contains("memory.events high +3"), d.reason());
    }

    @Test
    void highEventsRightAfterItsOwnStepDownAreExpected() {
        TuningPolicy p = policy();
        R r = new R();
        run(p, List.of(r.at(0), r.at(1)));
        R pushed = r.at(2);
        pushed.high = 5;
        assertEquals(Action.LOWER, p.next(pushed.reading()).action());
    }

    @Test
    void anonymousGrowthIntoTheLimitRaisesBeforeTheKernelThrottles() {
        TuningPolicy p = policy();
        R r = new R();
        r.current = 100 * M;
        r.anon = 40 * M;
        r.file = 60 * M;
        for (int s = 0; s < 60; s++) {
            p.next(r.at(s).reading());
        }
        long limit = p.limit();
        R grew = r.at(60);
        grew.anon = 46 * M;
        grew.current = Math.min(limit, 106 * M);
        Decision d = p.next(grew.reading());
        assertTrue(d.action() == Action.RAISE, d.toString());
        assertTrue(d.limit() > grew.anon * 1.2, d.toString());
    }

    @Test
    void fastGrowthThatWouldReachTheHardMaximumLiftsToTheCeiling() {
        TuningPolicy p = policy();
        R r = new R();
        for (int s = 0; s < 100; s++) {
            p.next(r.at(s).reading());
        }
        R spike = r.at(100);
        spike.anon = 300 * M;
        spike.current = 310 * M;
        Decision d = p.next(spike.reading());
        assertEquals(Action.LIFT, d.action());
        assertEquals(CEILING, d.limit());
        assertTrue(d.reason().contains("hard maximum"), d.reason());
    }

    @Test
    void oomKillLiftsToTheCeilingAtOnce() {
        TuningPolicy p = policy();
        R r = new R();
        for (int s = 0; s < 30; s++) {
            p.next(r.at(s).reading());
        }
        R killed = r.at(30);
        killed.kills = 1;
        Decision d = p.next(killed.reading());
        assertEquals(Action.LIFT, d.action());
        assertEquals(CEILING, d.limit());
        assertTrue(d.reason().startsWith("OOM events +1"), d.reason());
    }

    @Test
    void hittingTheHardMaximumOnV2Lifts() {
        TuningPolicy p = policy();
        R r = new R();
        for (int s = 0; s < 30; s++) {
            p.next(r.at(s).reading());
        }
        R hit = r.at(30);
        hit.max = 2;
        assertEquals(Action.LIFT, p.next(hit.reading()).action());
    }

    @Test
    void v1FailcntFromItsOwnReclaimPulsesIsNotAnAlarm() {
        TuningPolicy p = policy();
        R r = new R();
        r.v1 = true;
        r.notices = 0;
        run(p, List.of(r.at(0), r.at(1)));
        R pulsed = r.at(2);
        pulsed.max = 40;
        assertEquals(Action.LOWER, p.next(pulsed.reading()).action());
    }

    @Test
    void v1RefaultsAboveTheTargetRaise() {
        TuningPolicy p = policy();
        R r = new R();
        r.v1 = true;
        r.notices = 0;
        run(p, List.of(r.at(0), r.at(1), r.at(2)));
        R refaulting = r.at(3);
        refaulting.refault = 2 * M; // 1% of 200M usage in one interval
        Decision d = p.next(refaulting.reading());
        assertEquals(Action.RAISE, d.action());
    }

    @Test
    void v1PressureNotificationsRaiseUnlessItsOwnPulseCausedThem() {
        TuningPolicy p = policy();
        R r = new R();
        r.v1 = true;
        r.notices = 0;
        run(p, List.of(r.at(0), r.at(1)));
        R afterPulse = r.at(2);
        afterPulse.notices = 2;
        assertEquals(Action.LOWER, p.next(afterPulse.reading()).action(), "notices right after its own step down");
        // hold at the floor, then notices arrive on their own
        R settled = afterPulse.copy();
        settled.current = 65 * M;
        for (int s = 3; s < 80; s++) {
            p.next(settled.at(s).reading());
        }
        R noticed = settled.at(80);
        noticed.notices = 5;
        Decision d = p.next(noticed.reading());
        assertEquals(Action.RAISE, d.action());
        assertTrue(d.reason().contains("medium memory pressure notifications"), d.reason());
    }

    @Test
    void neverAboveTheCeiling() {
        TuningPolicy p = policy();
        R r = new R();
        for (int s = 0; s < 50; s++) {
            R x = r.at(s);
            x.stall = s * 900_000L; // 90% stalled every interval
            assertTrue(p.next(x.reading()).limit() <= CEILING);
        }
        assertEquals(CEILING, p.limit());
    }

    @Test
    void withoutACeilingTheLimitCanGoBackToUnlimited() {
        TuningPolicy p = new TuningPolicy(MemoryTuning.DEFAULTS, TuningPolicy.UNLIMITED);
        R r = new R();
        run(p, List.of(r.at(0), r.at(1)));
        assertTrue(p.limit() < 200 * M);
        R killed = r.at(2);
        killed.oom = 1;
        Decision d = p.next(killed.reading());
        assertEquals(Action.LIFT, d.action());
        assertEquals(TuningPolicy.UNLIMITED, d.limit());
    }

    @Test
    void usageThatDropsPullsTheLimitDownWithIt() {
        TuningPolicy p = policy();
        R big = new R();
        big.current = 400 * M;
        big.anon = 300 * M;
        big.file = 100 * M;
        run(p, List.of(big.at(0), big.at(1), big.at(2), big.at(3), big.at(4)));
        R small = big.at(5);
        small.current = 120 * M;
        small.anon = 20 * M;
        small.file = 100 * M;
        Decision d = p.next(small.reading());
        assertEquals(Action.LOWER, d.action());
        assertTrue(d.limit() < 120 * M, d.toString());
    }

    @Test
    void aTinyPossibleStepIsAHold() {
        TuningPolicy p = policy();
        R r = new R();
        r.current = 30 * M;
        r.anon = 1 * M;
        r.file = 29 * M;
        run(p, List.of(r.at(0), r.at(1)));
        long limit = p.limit();
        R same = r.at(2);
        same.current = limit;
        Decision d = p.next(same.reading());
        // 2% of ~29M is above the 1M minimum; go on until the steps get small near the floor
        assertTrue(d.action() == Action.LOWER || d.action() == Action.HOLD);
        for (int s = 3; s < 200; s++) {
            R x = r.at(s);
            x.current = p.limit();
            p.next(x.reading());
        }
        assertEquals(16 * M, p.limit());
    }
}
