package dev.lit.linux.cgroup;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.linux.LinuxRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Shared helpers of the cgroup tests: where a container's cgroup directories are, reading
 * interface files, and waiting for the kernel to catch up. The tests run on both cgroup
 * layouts (this host's v1 hybrid and the pure-v2 VM of {@code .ci/cgroup2-lane}).
 */
final class CgroupTesting {
    private CgroupTesting() {
    }

    static CgroupManager manager() {
        return ((LinuxRuntime) Lit.runtime()).cgroups();
    }

    static CgroupSystem system() {
        return manager().system();
    }

    /** The directory of the container's cgroup in the hierarchy that carries {@code controller}. */
    static Path dirOf(String id, Controller controller) {
        Hierarchy h = system().hierarchyFor(controller)
                .orElseThrow(() -> new AssertionError("no hierarchy carries " + controller + ": " + system().describe()));
        return manager().parentIn(h).resolve(id);
    }

    /** Every existing cgroup directory named after the container, in every hierarchy. */
    static List<Path> existingDirsOf(String id) {
        List<Path> dirs = new ArrayList<>();
        for (Hierarchy h : system().hierarchies()) {
            Path d = manager().parentIn(h).resolve(id);
            if (Files.isDirectory(d)) {
                dirs.add(d);
            }
        }
        return dirs;
    }

    /** Candidate directories of the container's cgroup in every hierarchy, existing or not. */
    static List<Path> possibleDirsOf(String id) {
        return system().hierarchies().stream().map(h -> manager().parentIn(h).resolve(id)).toList();
    }

    static boolean pureV2() {
        return system().isPureV2();
    }

    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A "key value" line of a flat-keyed interface file such as memory.events or cpu.stat. */
    static OptionalLong keyed(Path file, String key) {
        for (String line : read(file).split("\n")) {
            String[] kv = line.strip().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                return OptionalLong.of(Long.parseLong(kv[1]));
            }
        }
        return OptionalLong.empty();
    }

    static List<Long> procs(Path cgroupDir) {
        return Stream.of(read(cgroupDir.resolve("cgroup.procs")).split("\n"))
                .filter(s -> !s.isBlank()).map(s -> Long.parseLong(s.strip())).toList();
    }

    /** This process's cgroup v2 path from /proc/self/cgroup, if it is in a unified hierarchy. */
    static Optional<String> ownV2Path() {
        return Stream.of(read(Path.of("/proc/self/cgroup")).split("\n"))
                .filter(l -> l.startsWith("0::")).map(l -> l.substring(3)).findFirst();
    }

    static ContainerSpec.Builder sh(String script) {
        return Container.builder().entrypoint(List.of("/bin/sh", "-c", script));
    }

    /** utime+stime of a process in clock ticks (fields 14 and 15 of /proc/PID/stat), 0 if it is gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** True while a process exists and is not a zombie. */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static void assertGone(List<Path> dirs, String when) {
        for (Path d : dirs) {
            assertTrue(Files.notExists(d), "cgroup " + d + " is still there " + when);
        }
    }

    /** Removes a scratch cgroup tree bottom-up (rmdir only: interface files go with their directory). */
    static void removeTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path c : children.filter(Files::isDirectory).toList()) {
                removeTree(c);
            }
        } catch (IOException ignored) {
            // gone
        }
        for (int i = 0; i < 100; i++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                try {
                    if (Files.exists(dir.resolve("cgroup.kill"))) {
                        Files.writeString(dir.resolve("cgroup.kill"), "1");
                    }
                    Thread.sleep(20);
                } catch (IOException | InterruptedException ignored) {
                    // best effort
                }
            }
        }
    }
}
