package dev.lit.linux.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.MemoryTuning;
import dev.lit.MemoryTuningEvent;
import dev.lit.MemoryTuningEvent.Action;
import dev.lit.MemoryTuningStatus;
import dev.lit.Mount;
import dev.lit.RunResult;
import dev.lit.Stdio;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.cgroup.Controller;
import dev.lit.linux.cgroup.Hierarchy;
import dev.lit.linux.testing.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tuner on real containers under real memory pressure: page cache is pushed out, a heap
 * that grows gets its memory back in time and is never OOM-killed, and nothing is left behind.
 * Runs on both cgroup layouts (this host's v1, the v2 VM lane).
 */
@Tag("root")
@Tag("cgroup")
@Timeout(120)
class MemoryTunerContainerTest {
    private static final long M = 1L << 20;
    private static final MemoryTuning FAST = MemoryTuning.DEFAULTS.withInterval(Duration.ofMillis(200)).withLowerStep(0.1);

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    private final List<String> mine = new CopyOnWriteArrayList<>();

    /** Checks this test's own containers only: other test JVMs may share the state root. */
    @AfterEach
    void nothingLeft() {
        LinuxRuntime runtime = (LinuxRuntime) Lit.runtime();
        CgroupManager cgroups = runtime.cgroups();
        for (String id : mine) {
            assertTrue(!Files.exists(runtime.stateRoot().containers().resolve(id)), "state dir of " + id + " left");
            for (Hierarchy h : cgroups.system().hierarchies()) {
                assertTrue(!Files.exists(cgroups.parentIn(h).resolve(id)), "cgroup of " + id + " left in " + h);
            }
        }
    }

    private static ContainerSpec.Builder sh(String script) {
        return Container.builder().entrypoint(List.of("/bin/sh", "-c", script));
    }

    static Path memoryDir(String id) {
        CgroupManager cgroups = ((LinuxRuntime) Lit.runtime()).cgroups();
        Hierarchy h = cgroups.system().hierarchyFor(Controller.MEMORY).orElseThrow();
        return cgroups.parentIn(h).resolve(id);
    }

    static long usage(String id) throws IOException {
        Path dir = memoryDir(id);
        Path file = Files.exists(dir.resolve("memory.current")) ? dir.resolve("memory.current") : dir.resolve("memory.usage_in_bytes");
        return Long.parseLong(Files.readString(file).strip());
    }

    private static boolean await(Container c, java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && c.isAlive()) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    @Test
    void pageCacheOfAFileWrittenOnceIsPushedOutWhileTheContainerRuns() throws Exception {
        // 96M written to the writable layer: page cache charged to the container, cold afterwards
        Path state = ((LinuxRuntime) Lit.runtime()).stateRoot().path();
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.getFileStore(state).type().equals("tmpfs"),
                "the writable layer is on tmpfs here (" + state + "): a file written there is shared memory, not page cache");
        List<String> out = new CopyOnWriteArrayList<>();
        try (Container c = Lit.start(sh("dd if=/dev/zero of=/cold bs=1M count=96 2>/dev/null; sync; wc -c < /cold; exec sleep 60")
                .stdout(Stdio.lines(out::add)).memory("256M").autoMemoryTune(FAST).build())) {
            mine.add(c.id());
            List<MemoryTuningEvent> events = new CopyOnWriteArrayList<>();
            c.onMemoryTuning(events::add);
            assertTrue(await(c, () -> out.contains(Long.toString(96 * M)), Duration.ofSeconds(30)), () -> "the file was not written: " + out);
            assertTrue(await(c, () -> usageOrZero(c) < 40 * M, Duration.ofSeconds(30)),
                    () -> "usage stayed at " + usageOrZero(c) / M + "M: " + c.memoryTuning().orElseThrow());
            assertTrue(c.isAlive());
            MemoryTuningStatus status = c.memoryTuning().orElseThrow();
            assertTrue(status.running(), status::toString);
            assertEquals(256 * M, status.ceilingBytes());
            assertTrue(status.softLimitBytes() < 64 * M, status::toString);
            assertTrue(events.stream().anyMatch(e -> e.action() == Action.LOWER && e.toBytes() < e.fromBytes()
                    && (e.reason().contains("pulse pushed out") || e.reason().contains("memory.reclaim"))), events::toString);
            assertTrue(events.stream().allMatch(e -> !e.reason().isBlank()));
        }
    }

    @Test
    void aHeapThatGrowsThenShrinksIsNeverKilledAndTheLimitFollowsIt() throws Exception {
        // tmpfs pages cannot be reclaimed without swap: a heap in all but name
        String script = "sleep 2; i=0; while [ $i -lt 12 ]; do dd if=/dev/zero of=/heap/$i bs=1M count=12 2>/dev/null; i=$((i+1)); sleep 0.3; done;"
                + " echo peak; sleep 2; rm -f /heap/*; echo shrunk; sleep 3; echo done";
        try (Container c = Lit.start(sh(script).mount(Mount.tmpfs("/heap")).memory("200M").autoMemoryTune(FAST).build())) {
            mine.add(c.id());
            List<MemoryTuningEvent> events = new CopyOnWriteArrayList<>();
            c.onMemoryTuning(events::add);
            RunResult r = c.result();
            assertEquals(new ExitStatus.Exited(0), r.status(), () -> r.stderrText() + " " + events);
            assertEquals("peak\nshrunk\ndone\n", r.stdoutText());
            // it went down before the heap grew, up (raise or lift) while it grew, and down again after rm
            int firstUp = indexOf(events, Action.RAISE, Action.LIFT, 0);
            assertTrue(firstUp > 0 && events.subList(0, firstUp).stream().anyMatch(e -> e.action() == Action.LOWER), events::toString);
            assertTrue(indexOf(events, Action.LOWER, Action.LOWER, firstUp) > firstUp, events::toString);
            for (MemoryTuningEvent e : events) {
                assertTrue(e.toBytes() <= 200 * M, e::toString);
            }
        }
    }

    private static int indexOf(List<MemoryTuningEvent> events, Action a, Action b, int from) {
        for (int i = from; i < events.size(); i++) {
            if (events.get(i).action() == a || events.get(i).action() == b) {
                return i;
            }
        }
        return -1;
    }

    private static long usageOrZero(Container c) {
        try {
            return usage(c.id());
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void withoutOptimizeThereIsNoTuner() throws Exception {
        try (Container c = Lit.start(sh("exec sleep 5").memory("64M").build())) {
            mine.add(c.id());
            assertTrue(c.memoryTuning().isEmpty());
        }
    }

    @Test
    void theTunerStopsWhenTheContainerEnds() throws Exception {
        try (Container c = Lit.start(sh("exit 0").autoMemoryTune(FAST).build())) {
            mine.add(c.id());
            c.waitFor();
            Thread.sleep(600);
            MemoryTuningStatus s = c.memoryTuning().orElseThrow();
            assertTrue(!s.running(), s::toString);
            assertEquals(TuningPolicy.UNLIMITED, s.ceilingBytes());
        }
    }
}
