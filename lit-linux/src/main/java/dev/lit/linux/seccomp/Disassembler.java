package dev.lit.linux.seccomp;

import java.util.Locale;

/** {@link SeccompCompiler#describe(byte[])}: classic BPF as text, annotated with seccomp's meanings. */
final class Disassembler {

    private Disassembler() {
    }

    static String describe(byte[] program) {
        if (program.length % 8 != 0) {
            throw new IllegalArgumentException("a BPF program is a multiple of 8 bytes, not " + program.length);
        }
        int n = program.length / 8;
        int width = Math.max(4, Integer.toString(n).length());
        StringBuilder out = new StringBuilder();
        for (int pc = 0; pc < n; pc++) {
            int p = pc * 8;
            int code = (program[p] & 0xff) | (program[p + 1] & 0xff) << 8;
            int jt = program[p + 2] & 0xff;
            int jf = program[p + 3] & 0xff;
            int k = (program[p + 4] & 0xff) | (program[p + 5] & 0xff) << 8 | (program[p + 6] & 0xff) << 16 | (program[p + 7] & 0xff) << 24;
            String text;
            String note = "";
            switch (code) {
                case Assembler.LD_W_ABS -> {
                    text = "ld   [" + k + "]";
                    note = field(k);
                }
                case Assembler.ALU_AND_K -> text = "and  #" + hex(k);
                case Assembler.JA -> text = "ja   " + String.format(Locale.ROOT, "%0" + width + "d", pc + 1 + k);
                case Assembler.JEQ_K, Assembler.JGT_K, Assembler.JGE_K, Assembler.JSET_K -> {
                    String op = switch (code) {
                        case Assembler.JEQ_K -> "jeq ";
                        case Assembler.JGT_K -> "jgt ";
                        case Assembler.JGE_K -> "jge ";
                        default -> "jset";
                    };
                    text = op + " #" + hex(k) + ", " + String.format(Locale.ROOT, "%0" + width + "d", pc + 1 + jt)
                            + ", " + String.format(Locale.ROOT, "%0" + width + "d", pc + 1 + jf);
                    note = archName(k);
                }
                case Assembler.RET_K -> {
                    text = "ret  #" + hex(k);
                    note = retName(k);
                }
                default -> text = "???  code=" + hex(code) + " jt=" + jt + " jf=" + jf + " k=" + hex(k);
            }
            out.append(String.format(Locale.ROOT, "%0" + width + "d  %-36s", pc, text));
            if (!note.isEmpty()) {
                out.append("; ").append(note);
            }
            out.append('\n');
        }
        return out.toString().replaceAll(" +\n", "\n");
    }

    private static String hex(int k) {
        return k >= 0 && k < 10 ? Integer.toString(k) : "0x" + Integer.toHexString(k);
    }

    private static String field(int offset) {
        return switch (offset) {
            case 0 -> "nr";
            case 4 -> "arch";
            case 8 -> "instruction_pointer (low)";
            case 12 -> "instruction_pointer (high)";
            default -> offset >= 16 && offset < 64
                    ? "args[" + (offset - 16) / 8 + "] (" + ((offset - 16) % 8 == 0 ? "low" : "high") + ")" : "?";
        };
    }

    private static String archName(int k) {
        for (Arch a : Arch.values()) {
            if (a.auditArch() != 0 && a.auditArch() == k && a != Arch.X32) {
                return "AUDIT_ARCH_" + (a == Arch.X86 ? "I386" : a.name());
            }
        }
        return "";
    }

    static String retName(int k) {
        int data = k & 0xffff;
        return switch (k & 0xffff_0000) {
            case 0x8000_0000 -> "KILL_PROCESS";
            case 0x0000_0000 -> "KILL_THREAD";
            case 0x0003_0000 -> "TRAP";
            case 0x0005_0000 -> "ERRNO(" + data + (data == 1 ? " EPERM" : data == 38 ? " ENOSYS" : "") + ")";
            case 0x7ff0_0000 -> "TRACE(" + data + ")";
            case 0x7ffc_0000 -> "LOG";
            case 0x7fff_0000 -> "ALLOW";
            case 0x7fc0_0000 -> "USER_NOTIF";
            default -> "";
        };
    }
}
