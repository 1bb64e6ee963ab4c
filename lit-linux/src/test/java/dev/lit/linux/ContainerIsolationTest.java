package dev.lit.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Capability;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.NetworkMode;
import dev.lit.RunResult;
import dev.lit.Stdio;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each container gets its own PID, mount, UTS, IPC and network namespaces and an overlay root. */
@Tag("root")
class ContainerIsolationTest {

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    static RunResult sh(String script) throws InterruptedException {
        return Lit.run(shSpec(script).build());
    }

    static ContainerSpec.Builder shSpec(String script) {
        return Container.builder().entrypoint(List.of("/bin/sh", "-c", script));
    }

    @Test
    void theCommandIsPidOneWithoutInitAndSeesNoHostProcess() throws Exception {
        RunResult r = Lit.run(shSpec("echo $$; ls /proc | grep -c '^[0-9]'").init(false).build());
        assertEquals(List.of("1", "3"), r.stdoutText().lines().toList(), "sh is PID 1; only it, ls and grep exist");
    }

    @Test
    void underTheDefaultInitTheCommandIsPidTwoBelowLitInit() throws Exception {
        RunResult r = sh("echo $$; cat /proc/1/comm");
        assertEquals(List.of("2", "lit-init"), r.stdoutText().lines().toList());
    }

    @Test
    void hostnameIsTheContainersOwn() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        RunResult r = Lit.run(shSpec("hostname; hostname changed-inside; hostname").hostname("box").capAdd(Capability.SYS_ADMIN).build());
        assertEquals(List.of("box", "changed-inside"), r.stdoutText().lines().toList());
        assertEquals(host, InetAddress.getLocalHost().getHostName());
    }

    @Test
    void networkNoneHasOnlyLoopbackAndItIsUp() throws Exception {
        RunResult r = sh("ls /sys/class/net; cat /sys/class/net/lo/operstate /sys/class/net/lo/flags");
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals("lo", lines.get(0));
        assertEquals(1, Integer.decode(lines.get(2)) & 1, "IFF_UP is set on lo");
    }

    @Test
    void hostNetworkSharesTheHostsInterfaces() throws Exception {
        RunResult r = Lit.run(shSpec("readlink /proc/self/ns/net").network(NetworkMode.host()).build());
        assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), r.stdoutText().strip());
    }

    @Test
    void namespacesDifferFromTheHosts() throws Exception {
        RunResult r = sh("for n in pid_for_children mnt uts ipc net cgroup; do readlink /proc/self/ns/$n; done");
        List<String> inside = r.stdoutText().lines().toList();
        List<String> names = List.of("pid_for_children", "mnt", "uts", "ipc", "net", "cgroup");
        for (int i = 0; i < names.size(); i++) {
            String host = Files.readSymbolicLink(Path.of("/proc/self/ns", names.get(i))).toString();
            assertFalse(host.equals(inside.get(i)), names.get(i) + " namespace is shared with the host");
        }
    }

    @Test
    void aMountMadeInsideIsNotSeenOutside() throws Exception {
        CountDownLatch mounted = new CountDownLatch(1);
        try (Container c = Lit.start(shSpec("mount -t tmpfs lit-probe-mount /mnt && grep -c lit-probe-mount /proc/self/mountinfo && sleep 30")
                .capAdd(Capability.SYS_ADMIN).stdout(Stdio.lines(line -> mounted.countDown())).build())) {
            assertTrue(mounted.await(10, TimeUnit.SECONDS), "the container mounted its tmpfs");
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains("lit-probe-mount"));
            assertEquals(List.of(), Host.mountsContaining(c.id()), "the container's root is mounted only in its own namespace");
        }
    }

    @Test
    void writesLandInTheUpperLayerAndTheBaseStaysUntouched(@TempDir Path tmp) throws Exception {
        Path base = BusyboxRootfs.create(tmp.resolve("rootfs"));
        ContainerSpec spec = shSpec("echo new > /etc/written; echo changed > /etc/motd; rm /bin/true; cat /etc/motd")
                .base("dir:" + base).build();
        try (Container c = Lit.start(spec)) {
            assertEquals(0, c.waitFor().code());
            Path upper = ((LinuxRuntime) Lit.runtime()).stateRoot().containers().resolve(c.id()).resolve("upper");
            assertEquals("new\n", Files.readString(upper.resolve("etc/written")));
            assertEquals("changed\n", Files.readString(upper.resolve("etc/motd")));
            assertEquals("base layer\n", Files.readString(base.resolve("etc/motd")));
            assertTrue(Files.isSymbolicLink(base.resolve("bin/true")), "a deletion is a whiteout in the upper layer, not a change of the base");
            assertFalse(Files.exists(base.resolve("etc/written")));
        }
    }

    @Test
    void procIsFreshDevIsMinimalAndSysIsReadOnly() throws Exception {
        RunResult r = sh("ls /dev | sort | tr '\\n' ' '; echo; touch /sys/probe 2>/dev/null && echo writable || echo read-only; "
                + "echo x > /dev/null && echo null-ok; head -c 4 /dev/zero | wc -c");
        List<String> lines = r.stdoutText().lines().toList();
        for (String dev : List.of("full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout", "tty", "urandom", "zero")) {
            assertTrue(lines.get(0).contains(dev), "/dev has " + dev + ": " + lines.get(0));
        }
        assertFalse(lines.get(0).contains("sda") || lines.get(0).contains("vda") || lines.get(0).contains("kmsg"), "no host devices: " + lines.get(0));
        assertEquals(List.of("read-only", "null-ok", "4"), lines.subList(1, 4));
    }

    @Test
    void theHostBaseIsReadOnlyBelowAWritableLayer(@TempDir Path tmp) throws Exception {
        Path probe = Files.writeString(tmp.resolve("probe.txt"), "host\n");
        RunResult r = sh("cat " + probe + "; echo container > " + probe + "; cat " + probe);
        assertEquals(List.of("host", "container"), r.stdoutText().lines().toList());
        assertEquals("host\n", Files.readString(probe), "the host file is untouched");
    }

    @Test
    void litsStateDirectoryIsHiddenFromAHostBase() throws Exception {
        Path state = ((LinuxRuntime) Lit.runtime()).stateRoot().path();
        RunResult r = sh("ls -A " + state + " | wc -l");
        assertEquals("0", r.stdoutText().strip());
    }
}
