package dev.lit.linux.seccomp;

import dev.lit.linux.seccomp.Assembler.Label;
import dev.lit.linux.seccomp.SeccompProfile.ArgCondition;
import org.jspecify.annotations.Nullable;

/**
 * Argument conditions in BPF. BPF words are 32 bits, arguments 64: the high half
 * ({@code seccomp_data.args[i]} + 4 on little-endian) decides unless equal, then the low
 * half. On 32-bit ABIs the argument is its low half only, the high half taken as zero,
 * which folds some conditions to constants.
 */
final class Conditions {

    private static final long U32 = 0xffff_ffffL;

    private Conditions() {
    }

    static int low(int index) {
        return 16 + 8 * index;
    }

    static int high(int index) {
        return 16 + 8 * index + 4;
    }

    /** True or false when the condition does not depend on the argument, else null. */
    static @Nullable Boolean constant(ArgCondition c, boolean args64) {
        long v = c.value();
        long max = args64 ? -1L : U32;
        return switch (c.op()) {
            case EQUAL_TO -> Long.compareUnsigned(v, max) > 0 ? Boolean.FALSE : null;
            case NOT_EQUAL -> Long.compareUnsigned(v, max) > 0 ? Boolean.TRUE : null;
            case GREATER_EQUAL -> v == 0 ? Boolean.TRUE : Long.compareUnsigned(v, max) > 0 ? Boolean.FALSE : null;
            case LESS_THAN -> v == 0 ? Boolean.FALSE : Long.compareUnsigned(v, max) > 0 ? Boolean.TRUE : null;
            case GREATER_THAN -> Long.compareUnsigned(v, max) >= 0 ? Boolean.FALSE : null;
            case LESS_EQUAL -> Long.compareUnsigned(v, max) >= 0 ? Boolean.TRUE : null;
            case MASKED_EQUAL -> {
                long mask = v & max;
                long datum = c.valueTwo();
                if ((datum & ~mask) != 0) {
                    yield Boolean.FALSE; // bits the mask clears can never equal a set bit
                }
                yield mask == 0 ? Boolean.TRUE : null;
            }
        };
    }

    /** Code that goes to {@code holds} if the (non-constant) condition holds, else to {@code fails}. */
    static void emit(Assembler asm, ArgCondition c, boolean args64, Label holds, Label fails) {
        int hi = (int) (c.value() >>> 32);
        int lo = (int) c.value();
        int i = c.index();
        switch (c.op()) {
            case EQUAL_TO, NOT_EQUAL -> {
                Label yes = c.op() == SeccompProfile.Op.EQUAL_TO ? holds : fails;
                Label no = c.op() == SeccompProfile.Op.EQUAL_TO ? fails : holds;
                if (args64) {
                    Label next = new Label();
                    asm.load(high(i));
                    asm.jump(Assembler.JEQ_K, hi, next, no);
                    asm.bind(next);
                }
                asm.load(low(i));
                asm.jump(Assembler.JEQ_K, lo, yes, no);
            }
            case GREATER_THAN, GREATER_EQUAL, LESS_THAN, LESS_EQUAL -> {
                // a > v (or a >= v); LESS_* are their negations.
                boolean strict = c.op() == SeccompProfile.Op.GREATER_THAN || c.op() == SeccompProfile.Op.LESS_EQUAL;
                boolean greater = c.op() == SeccompProfile.Op.GREATER_THAN || c.op() == SeccompProfile.Op.GREATER_EQUAL;
                Label yes = greater ? holds : fails;
                Label no = greater ? fails : holds;
                if (args64) {
                    Label equalHigh = new Label();
                    asm.load(high(i));
                    if (hi == 0) {
                        asm.jump(Assembler.JGT_K, 0, yes, equalHigh);
                    } else {
                        Label notAbove = new Label();
                        asm.jump(Assembler.JGT_K, hi, yes, notAbove);
                        asm.bind(notAbove);
                        asm.jump(Assembler.JEQ_K, hi, equalHigh, no);
                    }
                    asm.bind(equalHigh);
                }
                asm.load(low(i));
                asm.jump(strict ? Assembler.JGT_K : Assembler.JGE_K, lo, yes, no);
            }
            case MASKED_EQUAL -> {
                long mask = args64 ? c.value() : c.value() & U32;
                long datum = c.valueTwo();
                int maskHi = (int) (mask >>> 32);
                int maskLo = (int) mask;
                if (args64 && maskHi != 0) {
                    Label next = new Label();
                    asm.load(high(i));
                    if (maskHi != -1) {
                        asm.and(maskHi);
                    }
                    asm.jump(Assembler.JEQ_K, (int) (datum >>> 32), next, fails);
                    asm.bind(next);
                }
                if (maskLo != 0) {
                    asm.load(low(i));
                    if (maskLo != -1) {
                        asm.and(maskLo);
                    }
                    asm.jump(Assembler.JEQ_K, (int) datum, holds, fails);
                } else {
                    asm.jump(holds);
                }
            }
        }
    }
}
