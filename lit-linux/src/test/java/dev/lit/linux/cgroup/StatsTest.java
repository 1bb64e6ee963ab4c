package dev.lit.linux.cgroup;

import static dev.lit.linux.cgroup.CgroupTesting.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerStats;
import dev.lit.Lit;
import dev.lit.linux.testing.Host;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Stats move under load: cpu for a busy loop, memory for a file in tmpfs, pids, network on loopback. */
@Tag("root")
@Tag("cgroup")
class StatsTest {

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    @Test
    void cpuUsageGrowsUnderABusyLoop() throws Exception {
        try (Container c = Lit.start(sh("while :; do :; done").cpus("0.5").pids(50).build())) {
            ContainerStats first = c.stats();
            Thread.sleep(500);
            ContainerStats second = c.stats();
            assertTrue(second.cpuUsageNanos() - first.cpuUsageNanos() > 20_000_000L, first + " -> " + second);
            assertEquals(50, second.pidsLimit());
            assertTrue(second.pids() >= 1, second.toString());
            // throttling needs the loop to reach its quota, which a busy shared machine may not give it: only read here
            assertTrue(second.cpuThrottledPeriods() >= 0 && second.cpuThrottledNanos() >= 0, "throttling is accounted: " + second);
        }
    }

    @Test
    void memoryGrowsWithAFileInTmpfs() throws Exception {
        try (Container c = Lit.start(sh("sleep 0.3; dd if=/dev/zero of=/dev/shm/fill bs=1M count=48 2>/dev/null; echo done; sleep 600")
                .memory("256M").stdout(dev.lit.Stdio.pipe()).build())) {
            ContainerStats before = c.stats();
            c.stdout().read();
            ContainerStats after = c.stats();
            assertEquals(256L << 20, after.memoryLimitBytes());
            assertTrue(after.memoryBytes() - before.memoryBytes() > 40L << 20, before + " -> " + after);
            assertTrue(after.memoryPeakBytes() == -1 || after.memoryPeakBytes() >= after.memoryBytes(), after.toString());
        }
    }

    @Test
    void networkCountersSeeLoopbackTraffic() throws Exception {
        try (Container c = Lit.start(sh("sleep 600").build())) {
            ContainerStats before = c.stats();
            assertTrue(before.networkRxBytes() >= 0, before.toString());
            c.exec("/bin/sh", "-c", "busybox ping -c 3 -i 0.2 127.0.0.1 || true").waitFor();
            ContainerStats after = c.stats();
            assertTrue(after.networkRxBytes() > before.networkRxBytes(), before + " -> " + after);
            assertTrue(after.networkTxBytes() > before.networkTxBytes(), before + " -> " + after);
        }
    }

    @Test
    void aStatsStreamDeliversSamplesUntilCancelled() throws Exception {
        try (Container c = Lit.start(sh("sleep 600").build())) {
            List<ContainerStats> samples = new CopyOnWriteArrayList<>();
            CountDownLatch three = new CountDownLatch(3);
            c.statsStream(Duration.ofMillis(50)).subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription s;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    s = subscription;
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ContainerStats item) {
                    samples.add(item);
                    three.countDown();
                    if (samples.size() == 3) {
                        s.cancel();
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            assertTrue(three.await(10, TimeUnit.SECONDS));
            Thread.sleep(200);
            assertEquals(3, samples.size());
            assertTrue(samples.get(2).time().isAfter(samples.get(0).time()));
        }
    }
}
