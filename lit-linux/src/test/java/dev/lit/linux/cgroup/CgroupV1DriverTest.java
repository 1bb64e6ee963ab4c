package dev.lit.linux.cgroup;

import static dev.lit.linux.cgroup.CgroupTesting.dirOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lit's cgroup v1 driver (this build machine's layout): each limit in its v1 interface file. */
@Tag("cgroup")
class CgroupV1DriverTest {

    @BeforeEach
    void v1Root() {
        Host.assumeRoot();
        Host.assumeCgroupV1();
    }

    @Test
    void limitsAreWrittenToTheV1InterfaceFiles() throws Exception {
        try (Container c = Lit.start(Container.builder().entrypoint(List.of("/bin/sh", "-c", "exec sleep 600"))
                .memory("64M").memoryHigh("48M").cpus("0.5").cpuWeight(200).pids(20).build())) {
            Path memory = dirOf(c.id(), Controller.MEMORY);
            Path cpu = dirOf(c.id(), Controller.CPU);
            assertEquals(Long.toString(64L << 20), read(memory.resolve("memory.limit_in_bytes")));
            assertEquals(Long.toString(48L << 20), read(memory.resolve("memory.soft_limit_in_bytes")));
            assertEquals("50000", read(cpu.resolve("cpu.cfs_quota_us")));
            assertEquals("100000", read(cpu.resolve("cpu.cfs_period_us")));
            assertEquals("2048", read(cpu.resolve("cpu.shares")), "weight 200 is twice the default share of 1024");
            assertEquals("20", read(dirOf(c.id(), Controller.PIDS).resolve("pids.max")));
        }
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file).strip();
    }
}
