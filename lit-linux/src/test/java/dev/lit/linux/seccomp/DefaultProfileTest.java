package dev.lit.linux.seccomp;

import static dev.lit.linux.seccomp.Bpf.ALLOW;
import static dev.lit.linux.seccomp.Bpf.AUDIT_ARCH_AARCH64;
import static dev.lit.linux.seccomp.Bpf.AUDIT_ARCH_ARM;
import static dev.lit.linux.seccomp.Bpf.AUDIT_ARCH_I386;
import static dev.lit.linux.seccomp.Bpf.AUDIT_ARCH_X86_64;
import static dev.lit.linux.seccomp.Bpf.ENOSYS;
import static dev.lit.linux.seccomp.Bpf.EPERM;
import static dev.lit.linux.seccomp.Bpf.KILL_PROCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.linux.seccomp.SeccompCompiler.Program;
import dev.lit.linux.seccomp.SeccompCompiler.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultProfileTest {

    static final Set<String> DOCKER_CAPS = Set.of("CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID",
            "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE");
    static final Target X86_64 = new Target(Arch.X86_64, new KernelVersion(6, 8));
    static final Target AARCH64 = new Target(Arch.AARCH64, new KernelVersion(6, 8));
    static final long CLONE_NEWUSER = 0x1000_0000L;
    static final long CLONE_NEWNS = 0x0002_0000L;
    /** What glibc's pthread_create passes to clone. */
    static final long THREAD_FLAGS = 0x003d_0f00L;
    /** What glibc's fork passes: CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD. */
    static final long FORK_FLAGS = 0x0120_0011L;

    private static byte[] x86(Set<String> caps) {
        Program p = SeccompCompiler.compile(SeccompProfile.defaultProfile(), caps, X86_64);
        assertEquals(List.of(), p.warnings());
        return p.code();
    }

    private static int nr(Arch abi, String name) {
        return abi.syscalls().number(name).orElseThrow();
    }

    @Test
    void allowsWhatProgramsNeedOnX86_64() {
        byte[] p = x86(DOCKER_CAPS);
        for (String name : List.of("read", "write", "openat", "close", "mmap", "futex", "execve", "exit_group", "epoll_wait",
                "rt_sigaction", "getrandom", "fork", "chroot", "setuid", "mknod", "socketpair", "prctl", "rseq")) {
            assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, name)), name);
        }
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "clone"), THREAD_FLAGS));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "clone"), FORK_FLAGS));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "socket"), 2, 1, 0));
        for (long persona : new long[] {0, 8, 0x20000, 0x20008, 0xffff_ffffL}) {
            assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "personality"), persona));
        }
    }

    @Test
    void deniesEscapesWithEpermOnX86_64() {
        byte[] p = x86(DOCKER_CAPS);
        for (String name : List.of("mount", "umount2", "unshare", "setns", "keyctl", "add_key", "request_key", "bpf", "ptrace",
                "kexec_load", "init_module", "finit_module", "pivot_root", "perf_event_open", "userfaultfd", "open_by_handle_at",
                "reboot", "swapon", "io_uring_setup", "fsopen", "open_tree", "clock_settime", "acct", "iopl", "modify_ldt")) {
            assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, name)), name);
        }
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "clone"), CLONE_NEWUSER | 17));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "clone"), CLONE_NEWNS));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "socket"), 40, 1, 0), "AF_VSOCK");
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "personality"), 0x0040_0000L), "READ_IMPLIES_EXEC");
        // The high half counts: 0x1_00000000 is not PER_LINUX.
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "personality"), 0x1_0000_0000L));
    }

    @Test
    void answersClone3AndNewerSyscallsWithEnosys() {
        byte[] p = x86(DOCKER_CAPS);
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "clone3")));
        int max = Arch.X86_64.syscalls().max();
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, max + 1));
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, 1000));
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, 0x3fff_ffff));
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_I386, Arch.X86.syscalls().max() + 1));
        // A hole below the highest number is a known-but-not-allowed number: EPERM.
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, 400));
    }

    @Test
    void killsForeignArchitectures() {
        byte[] p = x86(DOCKER_CAPS);
        assertEquals(KILL_PROCESS, Bpf.ret(p, AUDIT_ARCH_AARCH64, 63));
        assertEquals(KILL_PROCESS, Bpf.ret(p, AUDIT_ARCH_ARM, 3));
        assertEquals(KILL_PROCESS, Bpf.ret(p, 0x1234, 0));
        byte[] arm = SeccompCompiler.compile(SeccompProfile.defaultProfile(), DOCKER_CAPS, AARCH64).code();
        assertEquals(KILL_PROCESS, Bpf.ret(arm, AUDIT_ARCH_X86_64, 0));
        assertEquals(KILL_PROCESS, Bpf.ret(arm, AUDIT_ARCH_I386, 3));
        assertEquals(KILL_PROCESS, Bpf.ret(arm, AUDIT_ARCH_ARM, 3));
    }

    @Test
    void handlesTheI386View() {
        byte[] p = x86(DOCKER_CAPS);
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_I386, 3), "read is 3 on i386");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_I386, nr(Arch.X86, "socketcall")));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_I386, nr(Arch.X86, "clone"), FORK_FLAGS));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_I386, nr(Arch.X86, "clone"), CLONE_NEWUSER));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_I386, 21), "mount is 21 on i386");
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_I386, nr(Arch.X86, "clone3")));
        // 32-bit arguments: only the low half counts, as the kernel zero-extends them.
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_I386, nr(Arch.X86, "personality"), 0xdead_0000_0000_0008L));
    }

    @Test
    void handlesTheX32ViewDeliberately() {
        byte[] p = x86(DOCKER_CAPS);
        int bit = Arch.X32_SYSCALL_BIT;
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, bit), "x32 read");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, bit + 512), "x32 rt_sigaction");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X32, "clone"), THREAD_FLAGS));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X32, "clone"), CLONE_NEWUSER));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X32, "mount")));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, bit + 13), "x86_64's rt_sigaction is not an x32 call");
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, bit + 521), "x32 ptrace");
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, bit + 470), "newer than the table, below the x32 block");
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, bit + 600));
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_X86_64, -1));
        // Without x32 in the profile, x32 calls kill the process.
        SeccompProfile.Filter noX32 = new SeccompProfile.Filter(SeccompProfile.defaultProfile().defaultAction(),
                List.of(Arch.X86), java.util.Map.of(), SeccompProfile.defaultProfile().rules());
        byte[] q = SeccompCompiler.compile(noX32, DOCKER_CAPS, X86_64).code();
        assertEquals(ALLOW, Bpf.ret(q, AUDIT_ARCH_X86_64, 0));
        assertEquals(ALLOW, Bpf.ret(q, AUDIT_ARCH_I386, 3));
        assertEquals(KILL_PROCESS, Bpf.ret(q, AUDIT_ARCH_X86_64, bit));
        assertEquals(KILL_PROCESS, Bpf.ret(q, AUDIT_ARCH_X86_64, -1));
    }

    @Test
    void capabilitiesUnlockTheirSystemCalls() {
        Set<String> caps = new HashSet<>(DOCKER_CAPS);
        caps.add("CAP_SYS_ADMIN");
        caps.add("sys_ptrace");
        byte[] p = x86(caps);
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "mount")));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "unshare")));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "clone3")));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "clone"), CLONE_NEWUSER));
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "ptrace")));
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "keyctl")), "keyrings stay denied");
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "pivot_root")));
        byte[] none = x86(Set.of());
        assertEquals(EPERM, Bpf.ret(none, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "chroot")), "chroot needs CAP_SYS_CHROOT");
        assertEquals(ALLOW, Bpf.ret(none, AUDIT_ARCH_X86_64, nr(Arch.X86_64, "read")));
    }

    @Test
    void coversAarch64() {
        Program program = SeccompCompiler.compile(SeccompProfile.defaultProfile(), DOCKER_CAPS, AARCH64);
        assertEquals(List.of(), program.warnings());
        byte[] p = program.code();
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_AARCH64, 63), "read");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_AARCH64, 56), "openat");
        assertEquals(ALLOW, Bpf.ret(p, AUDIT_ARCH_AARCH64, 220, FORK_FLAGS), "clone");
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_AARCH64, 220, CLONE_NEWUSER), "clone");
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_AARCH64, 40), "mount");
        assertEquals(EPERM, Bpf.ret(p, AUDIT_ARCH_AARCH64, 97), "unshare");
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_AARCH64, 435), "clone3");
        assertEquals(ENOSYS, Bpf.ret(p, AUDIT_ARCH_AARCH64, Arch.AARCH64.syscalls().max() + 1));
    }

    @Test
    void isShortAndFast() {
        Program program = SeccompCompiler.compile(SeccompProfile.defaultProfile(), DOCKER_CAPS, X86_64);
        int length = program.length();
        assertTrue(length < 1024, "default profile: " + length + " instructions");
        int read = Bpf.run(program.code(), new Bpf.Data(0, AUDIT_ARCH_X86_64, 0)).executed();
        int futex = Bpf.run(program.code(), new Bpf.Data(202, AUDIT_ARCH_X86_64, 0)).executed();
        int clone = Bpf.run(program.code(), new Bpf.Data(56, AUDIT_ARCH_X86_64, 0, THREAD_FLAGS)).executed();
        assertTrue(read <= 16 && futex <= 16, "read: " + read + ", futex: " + futex + " instructions executed");
        assertTrue(clone <= 22, "clone: " + clone);
        System.out.printf("default profile x86_64: %d instructions; executed: read %d, futex %d, clone %d%n", length, read, futex, clone);
        Program arm = SeccompCompiler.compile(SeccompProfile.defaultProfile(), DOCKER_CAPS, AARCH64);
        System.out.printf("default profile aarch64: %d instructions%n", arm.length());
    }

    /** The program agrees with a direct evaluation of the profile on every number and a spread of arguments. */
    @Test
    void agreesWithTheProfileEverywhere() {
        List<Set<String>> capSets = List.of(DOCKER_CAPS, Set.of(), Set.of("CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_CHROOT"));
        for (Set<String> caps : capSets) {
            checkAgainstReference(SeccompProfile.defaultProfile(), caps, X86_64);
            checkAgainstReference(SeccompProfile.defaultProfile(), caps, AARCH64);
        }
    }

    static void checkAgainstReference(SeccompProfile.Filter filter, Set<String> caps, Target target) {
        byte[] program = SeccompCompiler.compile(filter, caps, target).code();
        Bpf.verify(program);
        Random random = new Random(42);
        List<long[]> argSets = new ArrayList<>();
        argSets.add(new long[6]);
        for (long v : new long[] {FORK_FLAGS, THREAD_FLAGS, CLONE_NEWUSER, CLONE_NEWNS | 17, 0x40, 40, 2, 8, 0x20000, 0xffff_ffffL,
                0x1_0000_0008L, -1L, 0x8000_0000_0000_0000L, 5, 4, 6, 100, 0x7fff_ffffL}) {
            argSets.add(new long[] {v, v, v, v, v, v});
            argSets.add(new long[] {v, 0, 0, 0, 0, 0});
        }
        for (int i = 0; i < 8; i++) {
            argSets.add(new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
                    random.nextLong()});
        }
        List<Arch> abis = target.arch() == Arch.X86_64 ? List.of(Arch.X86_64, Arch.X86, Arch.X32) : List.of(Arch.AARCH64);
        for (Arch abi : abis) {
            Set<Long> numbers = new java.util.TreeSet<>();
            long base = abi == Arch.X32 ? Arch.X32_SYSCALL_BIT : 0;
            for (int n : abi.syscalls().numbers().values()) {
                numbers.add(Integer.toUnsignedLong(n));
                numbers.add(Integer.toUnsignedLong(n) + 1);
            }
            for (long n = base; n < base + 600; n++) {
                numbers.add(n);
            }
            numbers.add(base + 0x3fff_ffffL);
            if (abi != Arch.X86_64) {
                numbers.add(0xffff_ffffL);
                numbers.add(0x8000_0000L);
            }
            int audit = abi.auditArch();
            for (long n : numbers) {
                for (long[] args : argSets) {
                    int expected = Reference.expected(filter, caps, target, abi, (int) n, args);
                    int actual = Bpf.execute(program, new Bpf.Data((int) n, audit, 0, args)).ret();
                    if (expected != actual) {
                        throw new AssertionError(abi + " nr " + n + " (" + abi.syscalls().name((int) n).orElse("?") + ") args "
                                + java.util.Arrays.toString(args) + " caps " + caps + ": expected " + Integer.toHexString(expected)
                                + " got " + Integer.toHexString(actual));
                    }
                }
            }
        }
    }
}
