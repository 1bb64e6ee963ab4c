package dev.lit.linux.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.MemoryTuningEvent.Action;
import dev.lit.Stdio;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The v1 reader and writer on a real container's memory cgroup (this host's layout). */
@Tag("root")
@Timeout(60)
class CgroupV1MemoryTest {
    private static final long M = 1L << 20;

    @BeforeEach
    void v1() {
        Host.assumeRoot();
        Host.assumeCgroupV1();
    }

    @Test
    void readsEveryCounterAndPulsesPageCacheOutThenRestoresTheHardLimit() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        try (Container c = Lit.start(Container.builder()
                .entrypoint(List.of("/bin/sh", "-c", "dd if=/dev/zero of=/f bs=1M count=64 2>/dev/null; sync; echo ready; exec sleep 30"))
                .stdout(Stdio.lines(out::add)).memory("200M").build())) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!out.contains("ready") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(out.contains("ready"), out::toString);
            Path dir = MemoryTunerContainerTest.memoryDir(c.id());
            try (MemoryFiles files = MemoryFiles.of(new ContainerCgroup.Directory(1, dir))) {
                MemoryReading r = files.read();
                assertTrue(r.current() > 60 * M, r::toString);
                assertTrue(r.file() > 60 * M, "the file is page cache: " + r);
                assertEquals(0, r.pressureNotices(), "the pressure_level eventfd is registered and quiet: " + r);
                assertTrue(r.maxEvents() >= 0 && r.oomKills() == 0 && r.refaultedBytes() >= 0, r::toString);
                assertEquals(-1, r.stallMicros(), "no PSI on v1");

                String note = files.apply(new Decision(Action.LOWER, 16 * M, 0, "test"), r.current());
                assertTrue(note.contains("pushed out") || note.contains("stopped short"), note);
                MemoryReading after = files.read();
                assertTrue(after.current() < 20 * M, "the pulse reclaimed the page cache: " + after);
                assertEquals(200 * M, Long.parseLong(Files.readString(dir.resolve("memory.limit_in_bytes")).strip()), "hard limit restored");
                assertEquals(16 * M, Long.parseLong(Files.readString(dir.resolve("memory.soft_limit_in_bytes")).strip()));
                assertTrue(c.isAlive());
            }
        }
    }
}
