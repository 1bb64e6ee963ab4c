package dev.lit.linux.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.linux.seccomp.SeccompCompiler.Program;
import dev.lit.linux.seccomp.SeccompCompiler.Target;
import dev.lit.linux.seccomp.SeccompProfile.Action;
import dev.lit.linux.seccomp.SeccompProfile.ArgCondition;
import dev.lit.linux.seccomp.SeccompProfile.Filter;
import dev.lit.linux.seccomp.SeccompProfile.Op;
import dev.lit.linux.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompCompilerTest {

    static final Target X86_64 = new Target(Arch.X86_64, new KernelVersion(6, 8));

    /** Every x86_64 system call its own errno and an argument check: hundreds of segments, far jumps everywhere. */
    @Test
    void longProgramsUseTrampolinesForFarJumps() {
        List<Rule> rules = new ArrayList<>();
        List<String> names = new ArrayList<>(Arch.X86_64.syscalls().numbers().keySet());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Op op = Op.values()[i % Op.values().length];
            rules.add(new Rule(List.of(name), Action.errno(1 + i % 4000),
                    List.of(new ArgCondition(i % 6, op, i % 3 == 0 ? i : (long) i << 32 | 7, 0x7))));
            if (i % 2 == 0) {
                rules.add(new Rule(List.of(name), Action.errno(100 + i % 3000)));
            }
        }
        Filter filter = new Filter(Action.TRAP, List.of(), Map.of(), rules);
        Program program = SeccompCompiler.compile(filter, Set.of(), X86_64);
        assertTrue(program.length() > 1000 && program.length() <= 4096, program.length() + " instructions");
        String text = SeccompCompiler.describe(program.code());
        assertTrue(text.contains(" ja "), "far jumps go through ja");
        DefaultProfileTest.checkAgainstReference(filter, Set.of(), X86_64);
    }

    @Test
    void refusesProgramsOverTheKernelsLimit() {
        List<Rule> rules = new ArrayList<>();
        for (String name : Arch.X86_64.syscalls().numbers().keySet()) {
            for (int v = 0; v < 12; v++) {
                rules.add(new Rule(List.of(name), Action.errno(v + 1), List.of(new ArgCondition(0, Op.EQUAL_TO, v))));
            }
        }
        Filter filter = new Filter(Action.ALLOW, rules);
        SeccompProfileException e = assertThrows(SeccompProfileException.class,
                () -> SeccompCompiler.compile(filter, Set.of(), X86_64));
        assertTrue(e.getMessage().contains("more than the kernel's limit of 4096"), e.getMessage());
    }

    @Test
    void describesThePrograms() {
        Program program = SeccompCompiler.compile(SeccompProfile.defaultProfile(), DefaultProfileTest.DOCKER_CAPS, X86_64);
        String text = SeccompCompiler.describe(program.code());
        String[] lines = text.split("\n");
        assertEquals(program.length(), lines.length);
        assertEquals("0000  ld   [4]                            ; arch", lines[0]);
        assertTrue(lines[1].startsWith("0001  jeq  #0xc000003e, ") && lines[1].endsWith("; AUDIT_ARCH_X86_64"), lines[1]);
        assertTrue(text.contains("; AUDIT_ARCH_I386"));
        assertTrue(text.contains("ret  #0x80000000                    ; KILL_PROCESS"), text);
        assertTrue(text.contains("; ALLOW") && text.contains("; ERRNO(1 EPERM)") && text.contains("; ERRNO(38 ENOSYS)"));
        assertTrue(text.contains("ld   [0]                            ; nr"));
        assertTrue(text.contains("; args[0] (high)") && text.contains("; args[0] (low)"));
        assertTrue(text.contains("and  #0x7e020000"), "the clone namespace mask");
    }

    @Test
    void emitsStructSockFilterLittleEndian() {
        Filter filter = new Filter(Action.errno(1), List.of(new Rule(List.of("read"), Action.ALLOW)));
        Program program = SeccompCompiler.compile(filter, Set.of(), X86_64);
        // ld [4]; jeq AUDIT_ARCH_X86_64; ret KILL_PROCESS; ld [0]; jge #0x40000000 ... ; ret ...
        byte[] code = program.code();
        assertEquals(0, code.length % 8);
        assertEquals("2000000004000000", HexFormat.of().formatHex(code, 0, 8), "ld [4]");
        assertEquals("1500", HexFormat.of().formatHex(code, 8, 10), "jeq");
        assertEquals("3e0000c0", HexFormat.of().formatHex(code, 12, 16), "AUDIT_ARCH_X86_64, little-endian");
        assertEquals(program.hex(), HexFormat.of().formatHex(code));
        assertEquals(Bpf.ALLOW, Bpf.ret(code, Bpf.AUDIT_ARCH_X86_64, 0));
        assertEquals(Bpf.ENOSYS, Bpf.ret(code, Bpf.AUDIT_ARCH_X86_64, 1), "above the only name: newer than the profile");
        assertEquals(Bpf.KILL_PROCESS, Bpf.ret(code, Bpf.AUDIT_ARCH_X86_64, Arch.X32_SYSCALL_BIT));
        System.out.print(SeccompCompiler.describe(code));
    }

    @Test
    void compilesForThisHost() {
        byte[] code = SeccompCompiler.compile(SeccompProfile.defaultProfile(), DefaultProfileTest.DOCKER_CAPS);
        Bpf.verify(code);
        assertEquals(Set.of("CAP_CHOWN", "CAP_SYS_ADMIN"),
                SeccompCompiler.capabilityNames(Set.of(dev.lit.Capability.CHOWN, dev.lit.Capability.SYS_ADMIN)));
    }

    @Test
    void tablesComeFromTheKernelHeaders() {
        SyscallTable x86 = Arch.X86_64.syscalls();
        assertEquals(0, x86.number("read").orElseThrow());
        assertEquals(56, x86.number("clone").orElseThrow());
        assertEquals(435, x86.number("clone3").orElseThrow());
        assertEquals(11, Arch.X86.syscalls().number("execve").orElseThrow());
        assertEquals(102, Arch.X86.syscalls().number("socketcall").orElseThrow());
        assertEquals(Arch.X32_SYSCALL_BIT + 520, Arch.X32.syscalls().number("execve").orElseThrow());
        assertEquals(Arch.X32_SYSCALL_BIT + 56, Arch.X32.syscalls().number("clone").orElseThrow());
        assertEquals(221, Arch.AARCH64.syscalls().number("execve").orElseThrow());
        assertEquals(79, Arch.AARCH64.syscalls().number("newfstatat").orElseThrow());
        assertTrue(Arch.AARCH64.syscalls().number("open").isEmpty(), "aarch64 has only openat");
        assertEquals(452, x86.number("fchmodat2").orElseThrow(), "from newer-syscalls.txt on older headers");
    }
}
