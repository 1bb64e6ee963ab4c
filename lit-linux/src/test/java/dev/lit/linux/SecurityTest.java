package dev.lit.linux;

import static dev.lit.linux.ContainerIsolationTest.sh;
import static dev.lit.linux.ContainerIsolationTest.shSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Capability;
import dev.lit.InvalidSpecException;
import dev.lit.Lit;
import dev.lit.Mount;
import dev.lit.RunResult;
import dev.lit.Security;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.Leaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Lit container is at least as confined as a Docker container with default settings. */
@Tag("root")
class SecurityTest {
    private static final String DOCKER_CAPS = "00000000a80425fb";

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    private static Map<String, String> status(RunResult r) {
        return r.stdoutText().lines().filter(l -> l.contains(":\t"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf('\t') + 1), (a, b) -> a));
    }

    @Test
    void theDefaultCapabilitiesAreDockersFourteenAndNoNewPrivsIsSet() throws Exception {
        Map<String, String> s = status(sh("cat /proc/self/status"));
        assertEquals(DOCKER_CAPS, s.get("CapEff"));
        assertEquals(DOCKER_CAPS, s.get("CapBnd"));
        assertEquals("0000000000000000", s.get("CapInh"));
        assertEquals("1", s.get("NoNewPrivs"));
    }

    @Test
    void capAddAndCapDropChangeTheSet() throws Exception {
        Map<String, String> s = status(Lit.run(shSpec("cat /proc/self/status").capAdd(Capability.NET_ADMIN).capDrop(Capability.CHOWN).build()));
        long eff = Long.parseLong(s.get("CapEff"), 16);
        assertTrue((eff & (1L << Capability.NET_ADMIN.number())) != 0);
        assertEquals(0, eff & (1L << Capability.CHOWN.number()));
        assertEquals("0000000000000000", status(Lit.run(shSpec("cat /proc/self/status").capDropAll().build())).get("CapBnd"));
    }

    @Test
    void aNonRootUserInsideGetsNoCapabilityUnlessAsked() throws Exception {
        RunResult r = Lit.run(shSpec("cat /proc/self/status; id -u").user("1000:1000").build());
        assertEquals("0000000000000000", status(r).get("CapEff"));
        assertTrue(r.stdoutText().strip().endsWith("1000"));
        RunResult asked = Lit.run(shSpec("cat /proc/self/status").user("1000").capAdd(Capability.NET_BIND_SERVICE).build());
        assertEquals(Long.toHexString(1L << Capability.NET_BIND_SERVICE.number()), status(asked).get("CapAmb").replaceFirst("^0+", ""));
    }

    @Test
    void privilegedOperationsFail() throws Exception {
        RunResult r = sh("unshare -m true 2>/dev/null && echo unshare-ok; mount -t tmpfs x /mnt 2>/dev/null && echo mount-ok; "
                + "echo 1 > /proc/sys/kernel/ns_last_pid 2>/dev/null && echo sysctl-ok; echo b > /proc/sysrq-trigger 2>/dev/null && echo sysrq-ok; "
                + "touch /sys/kernel/probe 2>/dev/null && echo sys-ok; echo done");
        assertEquals("done", r.stdoutText().strip());
    }

    @Test
    void maskedKernelFilesReadEmptyAndKernelSettingsAreReadOnly() throws Exception {
        RunResult r = sh("for f in /proc/keys /proc/timer_list /proc/sched_debug /proc/latency_stats; do [ -e $f ] && wc -c < $f; done; "
                + "ls /sys/firmware | wc -l; grep ' /proc/sys ' /proc/self/mountinfo | grep -c ' ro,'");
        List<String> lines = r.stdoutText().lines().toList();
        for (String line : lines.subList(0, lines.size() - 2)) {
            assertEquals("0", line.strip(), "masked files read empty: " + lines);
        }
        assertEquals("0", lines.get(lines.size() - 2).strip(), "/sys/firmware is empty");
        assertEquals("1", lines.getLast().strip(), "/proc/sys is a read-only mount");
    }

    @Test
    void userNamespaceAutoGivesAPrivateRangeOfIds() throws Exception {
        RunResult r = Lit.run(shSpec("cat /proc/self/uid_map; id -u").userNamespace(Security.UserNamespace.AUTO).build());
        List<String> lines = r.stdoutText().lines().map(String::strip).toList();
        assertEquals(List.of("0", "1073741824", "65536"), List.of(lines.get(0).split("\\s+")));
        assertEquals("0", lines.get(1));
        Leaks.assertNone();
        assertTrue(Files.notExists(((LinuxRuntime) Lit.runtime()).stateRoot().path().resolve("userns/0")), "the range is given back on close");
    }

    @Test
    void twoContainersWithUserNamespaceAutoNeverShareARange() throws Exception {
        try (var a = Lit.start(shSpec("sleep 10").userNamespace(Security.UserNamespace.AUTO).build());
             var b = Lit.start(shSpec("sleep 10").userNamespace(Security.UserNamespace.AUTO).build())) {
            String mapA = Files.readString(Path.of("/proc", Long.toString(a.pid()), "uid_map"));
            String mapB = Files.readString(Path.of("/proc", Long.toString(b.pid()), "uid_map"));
            assertFalse(mapA.equals(mapB), mapA + " vs " + mapB);
        }
    }

    @Test
    void noHostFileDescriptorReachesTheContainerAndItStartsInside() throws Exception {
        RunResult r = sh("ls /proc/self/fd | tr '\\n' ' '; echo; readlink /proc/self/cwd");
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals("0 1 2 3", lines.get(0).strip(), "stdio plus ls's own directory descriptor");
        assertEquals("/", lines.get(1));
    }

    @Test
    void theHelperCannotBeOverwrittenThroughProcExe() throws Exception {
        RunResult r = sh("readlink /proc/1/exe 2>&1; cat /proc/1/exe > /dev/null 2>&1 && echo readable; "
                + "echo x > /proc/1/exe 2>/dev/null && echo wrote; echo x >> /proc/self/exe 2>/dev/null && echo wrote-self; echo end");
        assertEquals("end", r.stdoutText().lines().toList().getLast());
        assertFalse(r.stdoutText().contains("wrote"), r.stdoutText());
    }

    @Test
    void aSymlinkPlantedInTheRootfsCannotRedirectAMountToTheHost(@TempDir Path tmp) throws Exception {
        Path base = BusyboxRootfs.create(tmp.resolve("rootfs"));
        Files.createSymbolicLink(base.resolve("data"), Path.of("/etc"));
        Files.createSymbolicLink(base.resolve("tmp/escape"), Path.of("../../../../../../../etc"));
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(secret.resolve("token"), "s3cret\n");
        RunResult r = Lit.run(shSpec("cat /etc/token; cat /tmp/escape/token 2>/dev/null; ls /etc | wc -l")
                .base("dir:" + base).mount(Mount.bindReadOnly(secret, "/data")).build());
        assertEquals("s3cret", r.stdoutText().lines().findFirst().orElseThrow(), "the bind landed on the container's /etc");
        assertFalse(Files.exists(Path.of("/etc/token")), "never on the host's /etc");
        assertTrue(Files.readString(Path.of("/proc/self/mountinfo")).lines().noneMatch(l -> l.contains(" /etc ")));
    }

    @Test
    void aSecurityModuleThisHostLacksIsAClearError() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Lit.run(shSpec("true")
                .security(Security.DEFAULT.withApparmorProfile("lit-default")).build()));
        assertEquals("security.apparmor", e.field());
        assertTrue(e.getMessage().contains("does not run AppArmor"), e.getMessage());
        Leaks.assertNone();
    }

    /** x86_64 numbers of calls a container must not make; perl's syscall() reports errno in $!. */
    private static final String RAW_CALLS = "for n in 250 321 101 272 165; do perl -e '$r = syscall(' $n ', 0, 0, 0, 0); print \"$r $!\\n\"'; done";

    @Test
    void theDefaultSeccompFilterIsOnAndDeniesDangerousCalls() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "syscall numbers below are x86_64's");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "needs perl on the host base");
        RunResult r = sh("grep Seccomp: /proc/self/status; " + RAW_CALLS);
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals("Seccomp:\t2", lines.getFirst());
        for (String call : lines.subList(1, lines.size())) {
            assertEquals("-1 Operation not permitted", call, "keyctl, bpf, ptrace, unshare and mount are refused: " + lines);
        }
    }

    @Test
    void unconfinedLeavesTheCallsToTheKernel() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "syscall numbers below are x86_64's");
        RunResult r = Lit.run(shSpec("grep Seccomp: /proc/self/status; perl -e '$r = syscall(250, 0, 0, 0, 0); print \"$r $!\\n\"'")
                .seccomp(new Security.Seccomp.Unconfined()).build());
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals("Seccomp:\t0", lines.getFirst());
        assertFalse(lines.get(1).contains("Operation not permitted"), "keyctl reaches the kernel: " + lines.get(1));
    }

    @Test
    void aCustomProfileInDockersFormatIsLoadedAsItIs(@TempDir Path tmp) throws Exception {
        Path profile = Files.writeString(tmp.resolve("no-mkdir.json"), """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64"],
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
                """);
        RunResult r = Lit.run(shSpec("mkdir /tmp/d 2>&1 || true; touch /tmp/f && echo touched")
                .seccomp(new Security.Seccomp.Profile(profile)).build());
        assertTrue(r.stdoutText().contains("Permission denied"), r.stdoutText());
        assertTrue(r.stdoutText().contains("touched"), r.stdoutText());
    }

    @Test
    void aMalformedProfileIsAClearErrorAndLeavesNothing(@TempDir Path tmp) throws Exception {
        Path profile = Files.writeString(tmp.resolve("bad.json"), "{\"defaultAction\": \"SCMP_ACT_EXPLODE\"}");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Lit.run(shSpec("true")
                .seccomp(new Security.Seccomp.Profile(profile)).build()));
        assertEquals("security.seccomp", e.field());
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("SCMP_ACT_EXPLODE"), e.getMessage());
        Leaks.assertNone();
    }
}
