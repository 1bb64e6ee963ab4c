package dev.lit.linux.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerEvent;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.linux.testing.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events arrive in order per container and runtime-wide, and as JDK Flight Recorder events. */
@Tag("root")
@Tag("cgroup")
class ContainerEventsTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    /** Collects every item and notes completion. */
    static final class Collector<T> implements Flow.Subscriber<T> {
        final List<T> items = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }
    }

    @Test
    void aContainerThatStartsPausesResumesAndDiesReportsSoInOrder() throws Exception {
        Collector<ContainerEvent> runtimeWide = new Collector<>();
        Lit.events().subscribe(runtimeWide);
        try (Recording recording = new Recording()) {
            recording.enable("dev.lit.ContainerEvent");
            recording.start();
            Collector<ContainerEvent> own = new Collector<>();
            String id;
            try (Container c = Lit.start(Container.builder().entrypoint(List.of("/bin/sh", "-c", "read x; exit 3"))
                    .stdin(dev.lit.Stdio.pipeInput()).build())) {
                id = c.id();
                c.events().subscribe(own);
                c.pause();
                c.resume();
                c.recordEvent("tuned", "cpu limit raised to 2: throttled in 40% of periods");
                c.stdin().close();
                assertEquals(new ExitStatus.Exited(3), c.waitFor());
                assertTrue(own.done.await(10, TimeUnit.SECONDS), "the container's stream completes after died");
            }
            recording.stop();
            List<String> kinds = own.items.stream().map(ContainerEvent::kind).toList();
            assertEquals(List.of("created", "started", "paused", "resumed", "tuned", "died"), kinds);
            assertEquals(new ExitStatus.Exited(3), assertInstanceOf(ContainerEvent.Died.class, own.items.getLast()).status());
            assertEquals("cpu limit raised to 2: throttled in 40% of periods", assertInstanceOf(ContainerEvent.Custom.class, own.items.get(4)).reason());
            for (int i = 1; i < own.items.size(); i++) {
                assertTrue(!own.items.get(i).time().isBefore(own.items.get(i - 1).time()));
            }

            awaitSize(runtimeWide, id, 6);
            assertEquals(kinds, runtimeWide.items.stream().filter(e -> e.containerId().equals(id)).map(ContainerEvent::kind).toList());

            Path file = tmp.resolve("events.jfr");
            recording.dump(file);
            List<RecordedEvent> recorded = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("dev.lit.ContainerEvent"))
                    .filter(e -> id.equals(e.getString("containerId"))).toList();
            assertEquals(kinds, recorded.stream().map(e -> e.getString("kind")).toList());
            assertEquals(new ExitStatus.Exited(3).toString(), recorded.getLast().getString("detail"));
        }
    }

    @Test
    void anOomKillIsAnEventBeforeDied() throws Exception {
        Collector<ContainerEvent> own = new Collector<>();
        try (Container c = Lit.start(Container.builder()
                .entrypoint(List.of("/bin/sh", "-c", "exec perl -e '$x = \"a\" x (256 * 1024 * 1024)'")).memory("64M").build())) {
            c.events().subscribe(own);
            c.waitFor();
            assertTrue(own.done.await(10, TimeUnit.SECONDS));
        }
        List<String> kinds = own.items.stream().map(ContainerEvent::kind).toList();
        assertEquals(List.of("created", "started", "oom", "died"), kinds);
        assertInstanceOf(ExitStatus.OomKilled.class, ((ContainerEvent.Died) own.items.getLast()).status());
    }

    private static void awaitSize(Collector<ContainerEvent> c, String id, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (c.items.stream().filter(e -> e.containerId().equals(id)).count() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
