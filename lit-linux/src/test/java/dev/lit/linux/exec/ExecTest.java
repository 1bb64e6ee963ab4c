package dev.lit.linux.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ExecFailedException;
import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.Security;
import dev.lit.Signal;
import dev.lit.Stdio;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exec into a running container: its namespaces, cgroup, root, environment and confinement;
 * exit codes. Tagged cgroup too: joining the container's cgroups differs between v1 and v2.
 */
@Tag("root")
@Tag("cgroup")
class ExecTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    private Container sleeper(Path rootfs) {
        return Lit.start(Container.builder().base(new Base.Directory(rootfs)).entrypoint(List.of("/bin/sh", "-c", "echo $$ > /tmp/pid1; exec sleep 600"))
                .env("FROM_CONTAINER", "yes").hostname("box").workdir("/tmp").build());
    }

    @Test
    void anExecRunsInTheContainersNamespacesRootAndEnvironment() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = sleeper(rootfs)) {
            RunResult r = c.exec(ExecSpec.builder("/bin/sh", "-c",
                    "hostname; echo $FROM_CONTAINER $EXTRA; pwd; cat /etc/motd; echo $$; cat /proc/$(cat /tmp/pid1)/comm; cat /proc/self/cgroup | head -1")
                    .env("EXTRA", "added").build()).result();
            List<String> lines = r.stdoutText().lines().toList();
            assertEquals(new ExitStatus.Exited(0), r.status(), r.stderrText());
            assertEquals("box", lines.get(0));
            assertEquals("yes added", lines.get(1));
            assertEquals("/tmp", lines.get(2));
            assertEquals("base layer", lines.get(3));
            assertNotEquals("1", lines.get(4), "the exec is not PID 1 but sees the container's pid namespace");
            assertTrue(Integer.parseInt(lines.get(4)) < 100, "a pid of the container's namespace: " + lines.get(4));
            assertEquals("sleep", lines.get(5), "the container's command is visible: same pid namespace");
            assertTrue(lines.get(6).endsWith(":/"), "the container's cgroup namespace: " + lines.get(6));
            assertTrue(c.isAlive());
        }
    }

    @Test
    void theExecIsInTheContainersCgroupOnTheHost() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = sleeper(rootfs)) {
            ExecProcess p = c.exec("sleep", "30");
            String ours = Files.readString(Path.of("/proc/" + p.pid() + "/cgroup"));
            String init = Files.readString(Path.of("/proc/" + c.pid() + "/cgroup"));
            assertEquals(init, ours);
            assertEquals(Files.readSymbolicLink(Path.of("/proc/" + c.pid() + "/ns/pid")), Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/pid")));
            assertEquals(Files.readSymbolicLink(Path.of("/proc/" + c.pid() + "/ns/mnt")), Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/mnt")));
            assertEquals(Files.readSymbolicLink(Path.of("/proc/" + c.pid() + "/ns/net")), Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/ns/net")));
            p.kill(Signal.SIGTERM);
            assertEquals(new ExitStatus.Signaled(15), p.waitFor(Duration.ofSeconds(10)).orElseThrow());
        }
    }

    @Test
    void closingAnExecWhoseChildKeepsItsOutputOpenDoesNotHang() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = sleeper(rootfs)) {
            // the shell ends at once; its background child holds the output pipe for 30 s
            ExecProcess p = c.exec("/bin/sh", "-c", "sleep 30 & echo started");
            assertEquals(new ExitStatus.Exited(0), p.waitFor());
            long start = System.nanoTime();
            p.close();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5000, "close() took " + millis + " ms");
        }
    }

    @Test
    void exitCodesAndMissingCommandsFollowTheShell() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = sleeper(rootfs)) {
            assertEquals(new ExitStatus.Exited(3), c.exec("sh", "-c", "exit 3").waitFor());
            ExecFailedException missing = assertThrows(ExecFailedException.class, () -> c.exec("no-such-command"));
            assertTrue(missing.notFound());
            Files.writeString(rootfs.resolve("tmp/not-executable"), "x");
            ExecFailedException denied = assertThrows(ExecFailedException.class, () -> c.exec("/tmp/not-executable"));
            assertFalse(denied.notFound());
            assertTrue(c.isAlive(), "a failed exec leaves the container running");
        }
    }

    @Test
    void anExecHasTheContainersConfinementAndCanSwitchUser() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = sleeper(rootfs)) {
            RunResult r = c.exec(ExecSpec.builder("/bin/sh", "-c", "grep -E '^(CapBnd|NoNewPrivs|Seccomp):' /proc/self/status; id -u").build()).result();
            String init = Files.readString(Path.of("/proc/" + c.pid() + "/status"));
            String bounding = init.lines().filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow();
            assertTrue(r.stdoutText().contains(bounding), r.stdoutText());
            assertTrue(r.stdoutText().contains("NoNewPrivs:\t1"), r.stdoutText());
            assertTrue(r.stdoutText().contains("Seccomp:\t2"), r.stdoutText());
            assertTrue(r.stdoutText().strip().endsWith("0"));
            assertEquals("1000", c.exec(ExecSpec.builder("id", "-u").user("1000:1000").build()).result().stdoutText().strip());
        }
    }

    @Test
    void anExecReadsItsStdinFromAPipe() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = sleeper(rootfs)) {
            ExecProcess p = c.exec(ExecSpec.builder("cat").stdio(new Stdio(Stdio.pipeInput(), Stdio.pipe(), Stdio.discard())).build());
            p.stdin().write("through the pipe\n".getBytes(StandardCharsets.UTF_8));
            p.stdin().close();
            assertEquals("through the pipe\n", new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, p.waitFor().code());
        }
    }

    @Test
    void anExecIntoAUserNamespaceContainerIsRootInsideOnly() throws Exception {
        try (Container c = Lit.start(Container.builder().entrypoint(List.of("sleep", "600"))
                .security(Security.DEFAULT.withUserNamespace(Security.UserNamespace.AUTO)).build())) {
            ExecProcess p = c.exec("sleep", "30");
            String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
            String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
            assertFalse(uid.contains("\t0\t"), "not host root: " + uid);
            assertEquals("0", c.exec("id", "-u").result().stdoutText().strip());
            p.close();
        }
    }

    @Test
    void closingTheContainerEndsItsExecs() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        ExecProcess p;
        try (Container c = sleeper(rootfs)) {
            p = c.exec("sleep", "600");
        }
        assertFalse(p.isAlive());
    }
}
