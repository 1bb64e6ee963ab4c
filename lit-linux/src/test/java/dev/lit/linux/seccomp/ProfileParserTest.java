package dev.lit.linux.seccomp;

import static dev.lit.linux.seccomp.Bpf.ALLOW;
import static dev.lit.linux.seccomp.Bpf.AUDIT_ARCH_I386;
import static dev.lit.linux.seccomp.Bpf.AUDIT_ARCH_X86_64;
import static dev.lit.linux.seccomp.Bpf.ENOSYS;
import static dev.lit.linux.seccomp.Bpf.EPERM;
import static dev.lit.linux.seccomp.Bpf.KILL_PROCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.linux.seccomp.SeccompCompiler.Program;
import dev.lit.linux.seccomp.SeccompCompiler.Target;
import dev.lit.linux.seccomp.SeccompProfile.Action;
import dev.lit.linux.seccomp.SeccompProfile.ArgCondition;
import dev.lit.linux.seccomp.SeccompProfile.Filter;
import dev.lit.linux.seccomp.SeccompProfile.Op;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileParserTest {

    static final Target X86_64 = new Target(Arch.X86_64, new KernelVersion(6, 8));

    /** Written for this test in the Docker/OCI format: an allow list with argument filters. */
    static final String PROFILE = """
            {
              "defaultAction": "SCMP_ACT_ERRNO",
              "defaultErrnoRet": 1,
              "archMap": [
                {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
                {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
              ],
              "syscalls": [
                {"names": ["read", "write", "close", "exit_group", "arm_fadvise64_64", "not_a_syscall"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["openat"], "action": "SCMP_ACT_ALLOW", "comment": "read-only opens",
                 "args": [{"index": 2, "value": 3, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
                {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]},
                {"names": ["lseek"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 1, "value": 4096, "op": "SCMP_CMP_LT"}, {"index": 2, "value": 2, "op": "SCMP_CMP_LE"}]},
                {"names": ["mmap"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 1, "value": 18446744073709551615, "op": "SCMP_CMP_NE"},
                          {"index": 5, "value": 4294967296, "op": "SCMP_CMP_GE"}]},
                {"names": ["kill"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
                 "args": [{"index": 1, "value": 9, "op": "SCMP_CMP_EQ"}]},
                {"names": ["kill"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["getpid"], "action": "SCMP_ACT_TRACE", "errnoRet": 7},
                {"names": ["gettid"], "action": "SCMP_ACT_KILL"},
                {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
                {"names": ["uname"], "action": "SCMP_ACT_ALLOW", "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["getcpu"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm64"]}},
                {"name": "brk", "action": "SCMP_ACT_LOG"},
                {"names": ["munmap"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 1, "value": 4096, "op": "SCMP_CMP_GT"}]}
              ]
            }
            """;

    private static int nr(String name) {
        return Arch.X86_64.syscalls().number(name).orElseThrow();
    }

    @Test
    void loadsADockerStyleProfileAndBehaves() {
        Filter filter = SeccompProfile.parse(PROFILE);
        Program program = SeccompCompiler.compile(filter, Set.of(), X86_64);
        assertEquals(List.of("unknown system call 'not_a_syscall' skipped",
                "SCMP_ARCH_ARM is not supported by Lit's seccomp compiler: its system calls kill the process")
                .subList(0, 1), program.warnings());
        byte[] p = program.code();
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("read")));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("openat"), -100, 0, 0), "O_RDONLY");
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("openat"), -100, 0, 2), "O_RDWR");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("openat"), -100, 0, 0x80000), "O_CLOEXEC");
        // The same argument twice: either condition (runc's reading).
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("personality"), 0));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("personality"), 0xffff_ffffL));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("personality"), 8));
        // Different arguments: both conditions.
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("lseek"), 3, 100, 2));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("lseek"), 3, 100, 3));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("lseek"), 3, 4096, 0));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("lseek"), 3, 0x1_0000_0000L, 0), "the high half counts");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("mmap"), 0, 4096, 3, 0x22, -1, 0x1_0000_0000L));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("mmap"), 0, 4096, 3, 0x22, -1, 0xffff_ffffL));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("mmap"), 0, -1L, 3, 0x22, -1, 0x1_0000_0000L));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("munmap"), 0, 0x1_0000_0000L));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("munmap"), 0, 4096));
        assertEquals(0x0005_000d, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("kill"), 1, 9), "EACCES for SIGKILL");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("kill"), 1, 15));
        assertEquals(0x7ff0_0007, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("getpid")));
        assertEquals(0, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("gettid")), "SCMP_ACT_KILL kills the thread");
        assertEquals(0x7ffc_0000, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("brk")));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("mount")));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("ptrace")), "minKernel 4.8 <= 6.8");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("uname")));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("getcpu")), "arm64 only");
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, nr("mount") + 1000));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_I386, 3), "i386 read");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, Arch.X32_SYSCALL_BIT), "x32 read");

        Program admin = SeccompCompiler.compile(filter, Set.of("SYS_ADMIN"), new Target(Arch.X86_64, new KernelVersion(4, 4)));
        assertEquals(ALLOW, Bpf.ret(admin.code(), AUDIT_ARCH_X86_64, nr("mount")));
        assertEquals(EPERM, Bpf.ret(admin.code(), AUDIT_ARCH_X86_64, nr("uname")), "excluded with CAP_SYS_ADMIN");
        assertEquals(EPERM, Bpf.ret(admin.code(), AUDIT_ARCH_X86_64, nr("ptrace")), "kernel 4.4 < minKernel 4.8");

        Program arm = SeccompCompiler.compile(filter, Set.of(), new Target(Arch.AARCH64, new KernelVersion(6, 8)));
        assertTrue(arm.warnings().contains("SCMP_ARCH_ARM is not supported by Lit's seccomp compiler: its system calls kill the process"));
        assertEquals(ALLOW, Bpf.ret(arm.code(), Bpf.AUDIT_ARCH_AARCH64, 168), "getcpu on arm64");
        assertEquals(KILL_PROCESS, Bpf.ret(arm.code(), Bpf.AUDIT_ARCH_ARM, 3));
        assertEquals(KILL_PROCESS, Bpf.ret(arm.code(), AUDIT_ARCH_X86_64, 0));

        for (Set<String> caps : List.of(Set.<String>of(), Set.of("CAP_SYS_ADMIN"))) {
            DefaultProfileTest.checkAgainstReference(filter, caps, X86_64);
            DefaultProfileTest.checkAgainstReference(filter, caps, new Target(Arch.AARCH64, new KernelVersion(4, 4)));
        }
    }

    @Test
    void architecturesListAcceptsThoseAbisBesidesTheNativeOne() {
        Filter filter = SeccompProfile.parse("""
                {"defaultAction": "SCMP_ACT_KILL_PROCESS", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
                 "syscalls": [{"names": ["read", "getpid"], "action": "SCMP_ACT_ALLOW"}]}""");
        byte[] p = SeccompCompiler.compile(filter, Set.of(), X86_64).code();
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_I386, 3));
        assertEquals(KILL_PROCESS, Bpf.ret(p, AUDIT_ARCH_X86_64, Arch.X32_SYSCALL_BIT), "x32 not listed");
        assertEquals(KILL_PROCESS, Bpf.ret(p, AUDIT_ARCH_X86_64, 1), "write: the default action");
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, 40), "above getpid (39), the highest the profile names");
        // No architectures at all: the native one only.
        byte[] q = SeccompCompiler.compile(SeccompProfile.parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}"), Set.of(), X86_64).code();
        assertEquals(ALLOW, Bpf.ret(q, AUDIT_ARCH_X86_64, 165));
        assertEquals(ALLOW, Bpf.ret(q, AUDIT_ARCH_X86_64, 1000), "a permissive default needs no ENOSYS");
        assertEquals(KILL_PROCESS, Bpf.ret(q, AUDIT_ARCH_I386, 3));
        assertEquals(KILL_PROCESS, Bpf.ret(q, AUDIT_ARCH_X86_64, Arch.X32_SYSCALL_BIT));
    }

    @Test
    void unconfinedCompilesToNothing() {
        assertEquals(0, SeccompCompiler.compile(SeccompProfile.unconfined(), Set.of()).length);
        assertInstanceOf(SeccompProfile.Unconfined.class, SeccompProfile.unconfined());
    }

    @Test
    void malformedProfilesGiveClearErrors() {
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_MAYBE\"}]}",
                "syscalls[0].action", "'SCMP_ACT_MAYBE' is not a seccomp action");
        assertError("{\"syscalls\": []}", "defaultAction", "is missing");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
                + "\"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_ABOUT\"}]}]}", "syscalls[0].args[0].op", "SCMP_CMP_ABOUT");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
                + "\"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}", "syscalls[0].args[0].index", "0 to 5");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
                + "\"args\": [{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}]}", "syscalls[0].args[0].value", "outside");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"action\": \"SCMP_ACT_ALLOW\"}]}",
                "syscalls[0].names", "at least one system call");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
                + "\"arg\": []}]}", "syscalls[0].arg", "unknown field");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [\"SCMP_ARCH_Z80\"]}", "architectures[0]",
                "'SCMP_ARCH_Z80' is not an architecture");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [\"SCMP_ARCH_X86\"], \"archMap\": []}"
                .replace("[]}", "[{\"architecture\": \"SCMP_ARCH_X86_64\"}]}"), "archMap", "not both");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
                + "\"errnoRet\": 1}]}", "syscalls[0].errnoRet", "only SCMP_ACT_ERRNO and SCMP_ACT_TRACE");
        assertError("{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}", "defaultAction", "not supported");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
                + "\"includes\": {\"minKernel\": \"four\"}}]}", "syscalls[0].includes.minKernel", "not a kernel version");
        assertError("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"Read Me\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                "syscalls[0].names[0]", "not a system call name");
        assertError("[1, 2]", "", "a JSON object");
        SeccompProfileException syntax = assertThrows(SeccompProfileException.class,
                () -> SeccompProfile.parse("{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"syscalls\": [,]\n}"));
        assertTrue(syntax.getMessage().contains("not valid JSON at line 3"), syntax.getMessage());
        assertTrue(syntax.getMessage().startsWith("security.seccomp: "), syntax.getMessage());
    }

    private static void assertError(String json, String location, String text) {
        SeccompProfileException e = assertThrows(SeccompProfileException.class, () -> SeccompProfile.parse(json));
        assertEquals(location, e.location(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void programmaticProfilesAndConstantConditions() {
        // On i386 arguments are 32 bits: "arg0 > 0xffffffff" can never hold, "arg0 != 1 << 32" always does.
        Filter filter = new Filter(Action.errno(1), List.of(Arch.X86), java.util.Map.of(), List.of(
                new SeccompProfile.Rule(List.of("read"), Action.ALLOW, List.of(new ArgCondition(0, Op.GREATER_THAN, 0xffff_ffffL))),
                new SeccompProfile.Rule(List.of("write"), Action.ALLOW, List.of(new ArgCondition(0, Op.NOT_EQUAL, 1L << 32))),
                new SeccompProfile.Rule(List.of("close"), Action.ALLOW, List.of(new ArgCondition(0, Op.MASKED_EQUAL, 0xff, 0x100)))));
        Program program = SeccompCompiler.compile(filter, Set.of(), X86_64);
        byte[] p = program.code();
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_I386, 3, 0x1_0000_0001L));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, 0, 0x1_0000_0001L), "x86_64 read sees 64 bits");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_I386, 4, 0));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, 3, 0x100), "never matches");
        DefaultProfileTest.checkAgainstReference(filter, Set.of(), X86_64);
    }
}
