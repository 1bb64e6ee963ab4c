package dev.lit.linux.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Order, replay, demand and completion of the event publisher. */
class EventPublisherTest {

    static final class Recorder implements Flow.Subscriber<Integer> {
        final List<Object> seen = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        final long initial;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(Integer item) {
            seen.add(item);
        }

        @Override
        public void onError(Throwable t) {
            seen.add(t);
            ended.countDown();
        }

        @Override
        public void onComplete() {
            seen.add("complete");
            ended.countDown();
        }
    }

    @Test
    void aLateSubscriberGetsTheHistoryThenLiveItemsInOrderThenCompletion() throws Exception {
        EventPublisher<Integer> p = new EventPublisher<>(true);
        p.publish(1);
        p.publish(2);
        Recorder r = new Recorder(Long.MAX_VALUE);
        p.subscribe(r);
        for (int i = 3; i <= 100; i++) {
            p.publish(i);
        }
        p.complete();
        assertTrue(r.ended.await(5, TimeUnit.SECONDS));
        assertEquals(101, r.seen.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, r.seen.get(i));
        }
        assertEquals("complete", r.seen.getLast());
    }

    @Test
    void withoutReplayOnlyLiveItemsArrive() throws Exception {
        EventPublisher<Integer> p = new EventPublisher<>(false);
        p.publish(1);
        Recorder r = new Recorder(Long.MAX_VALUE);
        p.subscribe(r);
        p.publish(2);
        p.complete();
        assertTrue(r.ended.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(2, "complete"), r.seen);
    }

    @Test
    void itemsWaitForDemand() throws Exception {
        EventPublisher<Integer> p = new EventPublisher<>(true);
        Recorder r = new Recorder(1);
        p.subscribe(r);
        p.publish(1);
        p.publish(2);
        p.publish(3);
        Thread.sleep(100);
        assertEquals(List.of(1), r.seen);
        r.subscription.request(2);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (r.seen.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(1, 2, 3), r.seen);
        r.subscription.request(0);
        assertTrue(r.ended.await(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, r.seen.getLast(), "rule 3.9: non-positive demand is an error");
    }
}
