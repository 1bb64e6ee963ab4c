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
        leaks.addAll(Host.processesNamed("lit-init").stream().map(p -> "process lit-init " + p).toList());
        return leaks;
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
