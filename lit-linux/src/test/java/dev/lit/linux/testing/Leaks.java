package dev.lit.linux.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lit.Lit;
import dev.lit.linux.LinuxRuntime;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.cgroup.Hierarchy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Everything Lit could leave on the host: state directories, cgroups, mounts, init processes. */
public final class Leaks {
    private Leaks() {
    }

    public static List<String> find() {
        LinuxRuntime runtime = (LinuxRuntime) Lit.runtime();
        List<String> leaks = new ArrayList<>();
        leaks.addAll(children(runtime.stateRoot().containers()).stream().map(p -> "state dir " + p).toList());
        CgroupManager cgroups = runtime.cgroups();
        for (Hierarchy h : cgroups.system().hierarchies()) {
            leaks.addAll(children(cgroups.parentIn(h)).stream().filter(Files::isDirectory).map(p -> "cgroup " + p).toList());
        }
        leaks.addAll(Host.mountsContaining(runtime.stateRoot().path().toString()).stream().map(m -> "mount " + m).toList());
        // A container's PID 1 is a child of the JVM that started it (CLONE_PARENT): count ours only,
        // so that another program using Lit on this machine is not mistaken for a leak.
        long self = ProcessHandle.current().pid();
        leaks.addAll(Host.processesNamed("lit-init").stream()
                .filter(p -> ProcessHandle.of(p).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L) == self)
                .map(p -> "process lit-init " + p + " (" + ProcessHandle.of(p).flatMap(h -> h.info().commandLine()).orElse("?") + ")").toList());
        // Monitors of detached containers are nobody's children: ours hold a log under our state root.
        leaks.addAll(Host.processesNamed("lit-monitor").stream()
                .filter(p -> holdsFileUnder(p, runtime.stateRoot().path()))
                .map(p -> "process lit-monitor " + p).toList());
        return leaks;
    }

    private static boolean holdsFileUnder(long pid, Path dir) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(dir);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Leaks of these containers only, and any state directory or monitor under this state root:
     * for tests that run while other JVMs on the machine share the Lit cgroup parents.
     */
    public static void assertNoneOf(java.util.Collection<String> ids) {
        assertEquals(List.of(), find().stream()
                .filter(l -> l.startsWith("state dir") || l.startsWith("process lit-monitor") || ids.stream().anyMatch(l::contains))
                .toList(), "Lit left these behind");
    }

    public static void assertNone() {
        assertEquals(List.of(), find(), "Lit left these behind");
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
