package dev.lit.linux.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.linux.cgroup.CgroupSystem;
import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the host offers a test, and skips (with the reason) when it does not. */
public final class Host {
    private Host() {
    }

    public static boolean isRoot() {
        return Libc.geteuid() == 0;
    }

    /** Skips the test unless it runs as root. */
    public static void assumeRoot() {
        assumeTrue(isRoot(), "needs root: containers run as root until rootless mode lands");
    }

    public static void assumePureCgroupV2() {
        assumeTrue(CgroupSystem.detect().isPureV2(), "needs a pure cgroup v2 host (runs in the cgroup v2 VM lane)");
    }

    public static void assumeCgroupV1() {
        assumeTrue(!CgroupSystem.detect().isPureV2(), "needs cgroup v1 controllers (this host is pure cgroup v2)");
    }

    /** Mount points in this mount namespace that mention a path fragment, for leak checks. */
    public static List<String> mountsContaining(String fragment) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.map(l -> l.split(" ")[4]).filter(m -> m.contains(fragment)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Processes whose command name is {@code comm}. */
    public static List<Long> processesNamed(String comm) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("comm")).strip().equals(comm);
                } catch (IOException e) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
