package dev.lit.linux.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who may use which part of a cgroup v2 tree: a JVM that shares its cgroup with other
 * processes gets a clear error, and an unprivileged user gets limits in a subtree delegated
 * to them (and a clear error without one). Each case runs in a child JVM placed by the test.
 */
@Tag("cgroup")
@Timeout(300)
class CgroupV2DelegationTest {

    @BeforeEach
    void pureV2Root() {
        Host.assumeRoot();
        Host.assumePureCgroupV2();
    }

    /** A JVM that shares its v2 cgroup with another process cannot take it over: Lit says what to do instead. */
    @Test
    void aJvmSharingItsCgroupGetsAClearError() throws Exception {
        Path base = scratchRoot("lit-test-shared-");
        Process neighbour = null;
        try {
            Files.createDirectory(base);
            neighbour = new ProcessBuilder("sleep", "600").start();
            Files.writeString(base.resolve("cgroup.procs"), Long.toString(neighbour.pid()));
            List<String> command = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", base.resolve("cgroup.procs").toString()));
            command.addAll(ChildJvm.command("try-start", ChildJvm.classPath()));
            List<String> out;
            String error;
            try (ChildJvm.Running child = ChildJvm.Running.start(command)) {
                out = child.finish(Duration.ofSeconds(120));
                error = child.value("ERROR");
            }
            assertTrue(error.startsWith(CgroupException.class.getName() + ": "), String.join("\n", out));
            assertTrue(error.contains("holds other processes"), error);
            assertTrue(error.contains("Delegate=yes") && error.contains("LIT_CGROUP_PARENT"), "the error should say what to do: " + error);
            assertEquals(List.of(neighbour.pid()), CgroupTesting.procs(base), "the neighbour must stay where it was");
            assertTrue(Files.notExists(base.resolve("supervisor")), "Lit must not move itself out of a shared cgroup");
            assertTrue(Files.notExists(base.resolve(CgroupManager.LIT_PARENT)), "a failed start must leave no Lit parent behind");
        } finally {
            if (neighbour != null) {
                neighbour.destroyForcibly().waitFor();
            }
            CgroupTesting.removeTree(base);
        }
    }

    /**
     * A subtree delegated to an unprivileged user, as systemd's user@.service has (rootless
     * containers, issue 4). The cgroup driver works there unprivileged: it moves the JVM to its
     * supervisor leaf, enables controllers and writes limits; a rootless container gets its
     * limits there. Without delegation, a rootless container with limits is refused with an
     * error that says how to get delegation.
     */
    @Test
    void inASubtreeDelegatedToAnUnprivilegedUser() throws Exception {
        Path base = scratchRoot("lit-test-delegated-");
        Path classes = Path.of("/tmp", "lit-test-classes-" + UUID.randomUUID().toString().substring(0, 8));
        ChildJvm.Running child = null;
        ChildJvm.Running refused = null;
        try {
            Files.createDirectory(base);
            Files.writeString(base.resolve("cgroup.subtree_control"), "+cpu +memory +pids");
            List<String> cp = ChildJvm.worldReadableCopy(ChildJvm.classPath(), classes);

            // two children at once (a JVM starts slowly in the emulated VM of the cgroup2 lane):
            // with delegation, the cgroup driver alone and then a rootless container with limits;
            // without delegation, a rootless container with limits is refused with what to do
            Path delegated = delegate(base.resolve("user"));
            Path plain = base.resolve("plain");
            Files.createDirectory(plain);
            child = asNobodyIn(delegated, "driver", cp);
            refused = asNobodyIn(plain, "try-start", cp);
            String all = String.join("\n", child.finish(Duration.ofSeconds(150)));
            assertEquals("65534", child.value("UID"), all);
            assertEquals("/" + base.getFileName() + "/user", child.value("CGROUP"), all);
            assertTrue(Set.of(child.value("CONTROLLERS").split(" ")).containsAll(Set.of("cpu", "memory", "pids")), all);
            String[] written = child.value("DRIVER").split(" ");
            assertEquals(Long.toString(32L << 20), written[0], all);
            assertEquals("16", written[1], all);
            assertEquals(delegated.resolve("lit").resolve(Path.of(written[2]).getFileName()).toString(), written[2], all);
            assertEquals("/" + base.getFileName() + "/user/supervisor", child.value("SELF"), all);
            assertEquals("true", child.value("REMOVED"), all);
            assertEquals("0", child.value("STARTED"), all);
            assertEquals(List.of("0::/", Long.toString(32L << 20), "16", "0"), child.values("OUT"), all);

            all = String.join("\n", refused.finish(Duration.ofSeconds(120)));
            String error = refused.value("ERROR");
            assertTrue(error.startsWith(dev.lit.InvalidSpecException.class.getName() + ": "), all);
            assertTrue(error.contains("delegated") && error.contains("Delegate=yes"), "the error should say how to get delegation: " + all);
        } finally {
            for (ChildJvm.Running c : new ChildJvm.Running[] {child, refused}) {
                if (c != null) {
                    c.close();
                }
            }
            CgroupTesting.removeTree(base);
            deleteTree(classes);
        }
    }

    /** Creates a cgroup and hands it to nobody (65534) the way systemd delegates one. */
    private static Path delegate(Path cgroup) throws java.io.IOException {
        Files.createDirectory(cgroup);
        for (String f : List.of("", "cgroup.procs", "cgroup.subtree_control", "cgroup.threads")) {
            Path p = f.isEmpty() ? cgroup : cgroup.resolve(f);
            Files.setAttribute(p, "unix:uid", 65534);
            Files.setAttribute(p, "unix:gid", 65534);
        }
        return cgroup;
    }

    /** A child JVM as nobody, started in {@code cgroup} by root (only root may move it there). */
    private static ChildJvm.Running asNobodyIn(Path cgroup, String mode, List<String> classPath) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "echo $$ > \"$0\" && exec setpriv --reuid=65534 --regid=65534 --clear-groups -- \"$@\"",
                cgroup.resolve("cgroup.procs").toString()));
        command.addAll(ChildJvm.command(mode, classPath));
        return ChildJvm.Running.start(command);
    }

    /** A scratch cgroup right under the mount point: the root cgroup may hold processes and children. */
    private static Path scratchRoot(String prefix) {
        return CgroupTesting.system().unified().orElseThrow().mountPoint().resolve(prefix + UUID.randomUUID().toString().substring(0, 8));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
