package dev.lit.linux.seccomp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Classic BPF with symbolic, forward-only jump targets. {@link #assemble()} lays the program
 * out from its end, so every target's position is known when a jump is placed: a conditional
 * jump further than its 8-bit offsets reach goes through a trampoline placed right after it
 * (a copy of the target if that is a {@code ret}, else a {@code ja} with its 32-bit offset),
 * and jumps to {@code ret k} use the nearest {@code ret k} that follows them.
 */
final class Assembler {

    static final int LD_W_ABS = 0x20;
    static final int ALU_AND_K = 0x54;
    static final int JA = 0x05;
    static final int JEQ_K = 0x15;
    static final int JGT_K = 0x25;
    static final int JGE_K = 0x35;
    static final int JSET_K = 0x45;
    static final int RET_K = 0x06;
    static final int MAX_INSNS = 4096;
    private static final int MAX_OFFSET = 255;

    /** Where a jump goes. */
    sealed interface Target permits Label, Ret {
    }

    /** A position in the program, bound before the instruction that follows it. */
    static final class Label implements Target {
        private int fromEnd = -1;
        private @Nullable Integer retValue;
    }

    /** Any {@code ret k}: jumps use the nearest one after them. */
    record Ret(int k) implements Target {
    }

    private record Insn(int code, int k, @Nullable Target jt, @Nullable Target jf) {
    }

    private final List<Object> items = new ArrayList<>();

    void bind(Label label) {
        items.add(label);
    }

    void load(int offset) {
        items.add(new Insn(LD_W_ABS, offset, null, null));
    }

    void and(int k) {
        items.add(new Insn(ALU_AND_K, k, null, null));
    }

    void jump(int code, int k, Target jt, Target jf) {
        if (jt.equals(jf)) {
            jump(jt);
        } else {
            items.add(new Insn(code, k, jt, jf));
        }
    }

    void jump(Target target) {
        if (target instanceof Ret(int k)) {
            ret(k);
        } else {
            items.add(new Insn(JA, 0, target, null));
        }
    }

    void ret(int k) {
        items.add(new Insn(RET_K, k, null, null));
    }

    /** The program as struct sock_filter[], little-endian. */
    byte[] assemble() {
        List<int[]> out = new ArrayList<>(); // reversed: {code, jt, jf, k}
        Map<Integer, Integer> nearestRet = new HashMap<>();
        Map<Label, Integer> nearestJa = new IdentityHashMap<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            Object item = items.get(i);
            if (item instanceof Label label) {
                if (out.isEmpty()) {
                    throw new IllegalStateException("a label at the end of a BPF program");
                }
                label.fromEnd = out.size() - 1;
                int[] next = out.getLast();
                label.retValue = next[0] == RET_K ? next[3] : null;
                continue;
            }
            Insn insn = (Insn) item;
            switch (insn.code) {
                case RET_K -> {
                    nearestRet.put(insn.k, out.size());
                    out.add(new int[] {RET_K, 0, 0, insn.k});
                }
                case JA -> {
                    Label label = (Label) insn.jt;
                    if (label.retValue != null) {
                        nearestRet.put(label.retValue, out.size());
                        out.add(new int[] {RET_K, 0, 0, label.retValue});
                    } else {
                        int at = out.size();
                        nearestJa.put(label, at);
                        out.add(new int[] {JA, 0, 0, at - label.fromEnd - 1});
                    }
                }
                case LD_W_ABS, ALU_AND_K -> out.add(new int[] {insn.code, 0, 0, insn.k});
                default -> {
                    // At most two trampolines go between this jump and what follows it.
                    int worst = out.size() + 2;
                    Target jf = insn.jf;
                    Target jt = insn.jt;
                    if (distance(jf, worst, nearestRet, nearestJa) > MAX_OFFSET) {
                        trampoline(jf, out, nearestRet, nearestJa);
                    }
                    if (distance(jt, worst, nearestRet, nearestJa) > MAX_OFFSET) {
                        trampoline(jt, out, nearestRet, nearestJa);
                    }
                    int at = out.size();
                    int t = distance(jt, at, nearestRet, nearestJa);
                    int f = distance(jf, at, nearestRet, nearestJa);
                    if (t > MAX_OFFSET || f > MAX_OFFSET) {
                        throw new IllegalStateException("BPF jump out of range after trampolines");
                    }
                    out.add(new int[] {insn.code, t, f, insn.k});
                }
            }
        }
        if (out.size() > MAX_INSNS) {
            throw new SeccompProfileException("", "the compiled filter has " + out.size()
                    + " instructions, more than the kernel's limit of " + MAX_INSNS);
        }
        byte[] code = new byte[out.size() * 8];
        for (int i = 0; i < out.size(); i++) {
            int[] insn = out.get(out.size() - 1 - i);
            int p = i * 8;
            code[p] = (byte) insn[0];
            code[p + 1] = (byte) (insn[0] >>> 8);
            code[p + 2] = (byte) insn[1];
            code[p + 3] = (byte) insn[2];
            code[p + 4] = (byte) insn[3];
            code[p + 5] = (byte) (insn[3] >>> 8);
            code[p + 6] = (byte) (insn[3] >>> 16);
            code[p + 7] = (byte) (insn[3] >>> 24);
        }
        return code;
    }

    /** The offset from a jump placed at {@code at} (counted from the end) to the nearest place reaching the target. */
    private static int distance(@Nullable Target target, int at, Map<Integer, Integer> nearestRet, Map<Label, Integer> nearestJa) {
        int pos;
        if (target instanceof Ret(int k)) {
            Integer p = nearestRet.get(k);
            if (p == null) {
                return Integer.MAX_VALUE;
            }
            pos = p;
        } else {
            Label label = (Label) target;
            if (label == null || label.fromEnd < 0) {
                throw new IllegalStateException("a BPF jump backwards or to an unbound label");
            }
            pos = label.fromEnd;
            if (label.retValue != null) {
                pos = Math.max(pos, nearestRet.getOrDefault(label.retValue, -1));
            }
            pos = Math.max(pos, nearestJa.getOrDefault(label, -1));
        }
        return at - pos - 1;
    }

    private static void trampoline(@Nullable Target target, List<int[]> out, Map<Integer, Integer> nearestRet,
                                   Map<Label, Integer> nearestJa) {
        int at = out.size();
        Integer ret = target instanceof Ret(int k) ? Integer.valueOf(k) : ((Label) target).retValue;
        if (ret != null) {
            nearestRet.put(ret, at);
            out.add(new int[] {RET_K, 0, 0, ret});
        } else {
            Label label = (Label) target;
            nearestJa.put(label, at);
            out.add(new int[] {JA, 0, 0, at - label.fromEnd - 1});
        }
    }
}
