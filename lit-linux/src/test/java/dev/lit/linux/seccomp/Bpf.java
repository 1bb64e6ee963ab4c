package dev.lit.linux.seccomp;

/**
 * A classic BPF checker and interpreter for seccomp programs, as the kernel's
 * seccomp_check_filter and bpf_check_classic see them, so tests need no root.
 */
final class Bpf {

    static final int AUDIT_ARCH_X86_64 = 0xC000_003E;
    static final int AUDIT_ARCH_I386 = 0x4000_0003;
    static final int AUDIT_ARCH_AARCH64 = 0xC000_00B7;
    static final int AUDIT_ARCH_ARM = 0x4000_0028;
    static final int ALLOW = 0x7fff_0000;
    static final int KILL_PROCESS = 0x8000_0000;
    static final int EPERM = 0x0005_0001;
    static final int ENOSYS = 0x0005_0026;

    /** seccomp_data. */
    record Data(int nr, int arch, long ip, long... args) {
        Data {
            long[] six = new long[6];
            System.arraycopy(args, 0, six, 0, args.length);
            args = six;
        }

        int word(int offset) {
            return switch (offset) {
                case 0 -> nr;
                case 4 -> arch;
                case 8 -> (int) ip;
                case 12 -> (int) (ip >>> 32);
                default -> {
                    long arg = args[(offset - 16) / 8];
                    yield (offset - 16) % 8 == 0 ? (int) arg : (int) (arg >>> 32);
                }
            };
        }
    }

    /** The result of a run and how many instructions it executed. */
    record Result(int ret, int executed) {
    }

    private Bpf() {
    }

    /** Throws unless the kernel would accept the program. */
    static void verify(byte[] program) {
        if (program.length == 0 || program.length % 8 != 0) {
            throw new AssertionError("program length " + program.length);
        }
        int n = program.length / 8;
        if (n > 4096) {
            throw new AssertionError(n + " instructions > 4096");
        }
        for (int pc = 0; pc < n; pc++) {
            int code = code(program, pc);
            int k = k(program, pc);
            switch (code) {
                case 0x20 -> {
                    if (k < 0 || k >= 64 || k % 4 != 0) {
                        throw new AssertionError(pc + ": load of offset " + k);
                    }
                }
                case 0x54, 0x06 -> {
                }
                case 0x05 -> {
                    if (k < 0 || (long) pc + 1 + k >= n) {
                        throw new AssertionError(pc + ": ja out of program");
                    }
                }
                case 0x15, 0x25, 0x35, 0x45 -> {
                    if (pc + 1 + jt(program, pc) >= n || pc + 1 + jf(program, pc) >= n) {
                        throw new AssertionError(pc + ": jump out of program");
                    }
                }
                default -> throw new AssertionError(pc + ": instruction " + Integer.toHexString(code) + " not allowed in seccomp");
            }
        }
        if (code(program, n - 1) != 0x06) {
            throw new AssertionError("the last instruction is not ret");
        }
    }

    static Result run(byte[] program, Data data) {
        verify(program);
        return execute(program, data);
    }

    /** Runs a program {@link #verify}d before. */
    static Result execute(byte[] program, Data data) {
        int a = 0;
        int pc = 0;
        int executed = 0;
        while (true) {
            executed++;
            int code = code(program, pc);
            int k = k(program, pc);
            switch (code) {
                case 0x20 -> {
                    a = data.word(k);
                    pc++;
                }
                case 0x54 -> {
                    a &= k;
                    pc++;
                }
                case 0x05 -> pc += 1 + k;
                case 0x15 -> pc += 1 + (a == k ? jt(program, pc) : jf(program, pc));
                case 0x25 -> pc += 1 + (Integer.compareUnsigned(a, k) > 0 ? jt(program, pc) : jf(program, pc));
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(a, k) >= 0 ? jt(program, pc) : jf(program, pc));
                case 0x45 -> pc += 1 + ((a & k) != 0 ? jt(program, pc) : jf(program, pc));
                case 0x06 -> {
                    return new Result(k, executed);
                }
                default -> throw new AssertionError("instruction " + code);
            }
        }
    }

    static int ret(byte[] program, int arch, int nr, long... args) {
        return run(program, new Data(nr, arch, 0x7f00_0000_1000L, args)).ret();
    }

    private static int code(byte[] p, int pc) {
        return (p[pc * 8] & 0xff) | (p[pc * 8 + 1] & 0xff) << 8;
    }

    private static int jt(byte[] p, int pc) {
        return p[pc * 8 + 2] & 0xff;
    }

    private static int jf(byte[] p, int pc) {
        return p[pc * 8 + 3] & 0xff;
    }

    private static int k(byte[] p, int pc) {
        int i = pc * 8 + 4;
        return (p[i] & 0xff) | (p[i + 1] & 0xff) << 8 | (p[i + 2] & 0xff) << 16 | (p[i + 3] & 0xff) << 24;
    }
}
