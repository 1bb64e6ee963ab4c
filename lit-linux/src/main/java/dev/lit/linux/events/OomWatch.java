package dev.lit.linux.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Polls a container's OOM kill counter (memory.events or memory.oom_control; one small file
 * read per container per second) and reports each increase. Polling rather than inotify:
 * v1's counter changes raise no file event.
 */
public final class OomWatch {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lit-oom-watch").unstarted(r));

    private final LongSupplier kills;
    private final LongConsumer onIncrease;
    private final ScheduledFuture<?> task;
    private long seen;

    private OomWatch(LongSupplier kills, LongConsumer onIncrease) {
        this.kills = kills;
        this.onIncrease = onIncrease;
        this.task = POLLER.scheduleWithFixedDelay(this::check, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static OomWatch start(LongSupplier kills, LongConsumer onIncrease) {
        return new OomWatch(kills, onIncrease);
    }

    /** Reads the counter now; reports the new total if it grew. */
    public synchronized void check() {
        long now;
        try {
            now = kills.getAsLong();
        } catch (RuntimeException e) {
            return; // the cgroup is going away
        }
        if (now > seen) {
            seen = now;
            onIncrease.accept(now);
        }
    }

    /** A last check, then no more polling. */
    public void stop() {
        task.cancel(false);
        check();
    }
}
