package dev.lit.linux.stats;

import dev.lit.ContainerStats;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Samples a container's stats every interval, separately for each subscriber, until the
 * container ends or the subscriber cancels. A subscriber that lags loses samples (offer
 * without waiting) instead of holding up the sampler.
 */
public final class StatsPublisher implements Flow.Publisher<ContainerStats> {
    private static final ScheduledExecutorService SAMPLER = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lit-stats").unstarted(r));

    private final Supplier<ContainerStats> sample;
    private final BooleanSupplier alive;
    private final Duration interval;

    public StatsPublisher(Supplier<ContainerStats> sample, BooleanSupplier alive, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a stats interval must be positive, not " + interval);
        }
        this.sample = sample;
        this.alive = alive;
        this.interval = interval;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ContainerStats> subscriber) {
        SubmissionPublisher<ContainerStats> one = new SubmissionPublisher<>(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lit-stats-delivery").factory()), 16);
        one.subscribe(subscriber);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        Runnable tick = () -> {
            if (one.isClosed() || one.getNumberOfSubscribers() == 0 || !alive.getAsBoolean()) {
                one.close();
                task[0].cancel(false);
                return;
            }
            try {
                one.offer(sample.get(), null);
            } catch (RuntimeException e) {
                one.closeExceptionally(e);
                task[0].cancel(false);
            }
        };
        synchronized (task) {
            task[0] = SAMPLER.scheduleAtFixedRate(() -> {
                synchronized (task) {
                    tick.run();
                }
            }, 0, interval.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
