package dev.lit.linux.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Flow.Publisher} that delivers every item to every subscriber in order, each on its
 * own serial drain (virtual threads, so a slow subscriber holds up only itself), with
 * unbounded buffering per subscriber (events are few). With replay, a new subscriber first
 * gets what was published before it came (up to a bound).
 *
 * @param <T> the item type
 */
public final class EventPublisher<T> implements Flow.Publisher<T> {
    private static final Executor DELIVERY = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lit-events-", 0).factory());
    private static final int HISTORY = 1024;

    private final boolean replay;
    private final List<T> history = new ArrayList<>();
    private final List<Delivery> subscribers = new CopyOnWriteArrayList<>();
    private boolean completed;

    /** @param replay whether new subscribers first get earlier items */
    public EventPublisher(boolean replay) {
        this.replay = replay;
    }

    public synchronized void publish(T item) {
        if (completed) {
            return;
        }
        if (replay && history.size() < HISTORY) {
            history.add(item);
        }
        subscribers.forEach(d -> d.enqueue(item));
    }

    /** Completes every subscription after the items already published; later subscribers get the history, then completion. */
    public synchronized void complete() {
        if (completed) {
            return;
        }
        completed = true;
        subscribers.forEach(Delivery::enqueueCompletion);
        subscribers.clear();
    }

    @Override
    public synchronized void subscribe(Flow.Subscriber<? super T> subscriber) {
        Delivery d = new Delivery(subscriber);
        if (replay) {
            history.forEach(d::enqueue);
        }
        if (completed) {
            d.enqueueCompletion();
        } else {
            subscribers.add(d);
        }
        d.drain();
    }

    private final class Delivery implements Flow.Subscription {
        private final Flow.Subscriber<? super T> subscriber;
        private final Queue<Object> queue = new ArrayDeque<>();
        private final AtomicInteger work = new AtomicInteger();
        private long demand;
        private boolean subscribed;
        private volatile boolean cancelled;
        private final Object end = new Object();

        Delivery(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        void enqueue(T item) {
            synchronized (queue) {
                queue.add(item);
            }
            drain();
        }

        void enqueueCompletion() {
            synchronized (queue) {
                queue.add(end);
            }
            drain();
        }

        void drain() {
            if (work.getAndIncrement() == 0) {
                DELIVERY.execute(this::run);
            }
        }

        @SuppressWarnings("unchecked")
        private void run() {
            do {
                if (!subscribed) {
                    subscribed = true;
                    subscriber.onSubscribe(this);
                }
                for (;;) {
                    if (cancelled) {
                        break;
                    }
                    Object next;
                    synchronized (queue) {
                        next = queue.peek();
                        if (next == null || (next != end && demand == 0)) {
                            break;
                        }
                        queue.poll();
                        if (next != end) {
                            demand--;
                        }
                    }
                    if (next == end) {
                        cancelled = true;
                        subscriber.onComplete();
                        break;
                    }
                    try {
                        subscriber.onNext((T) next);
                    } catch (RuntimeException e) {
                        cancel();
                        subscriber.onError(e);
                    }
                }
            } while (work.decrementAndGet() != 0);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams rule 3.9)"));
                return;
            }
            synchronized (queue) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            subscribers.remove(this);
        }
    }
}
