package dev.lit.bench;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.Stdio;
import java.util.List;

/**
 * Embedded Lit's first use in a fresh JVM, the cost a short-lived Java program such as the
 * lit command pays on top of the warm figures: loading Lit's FFM bindings, finding the
 * runtime, the first container, and the next ones. Run it once per JVM:
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp ... dev.lit.bench.ColdStart ROOTFS</pre>
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Class.forName("dev.lit.linux.ffm.Libc", true, ColdStart.class.getClassLoader());
        long t1 = System.nanoTime();
        Lit.runtime();
        long t2 = System.nanoTime();
        ContainerSpec spec = Container.builder()
                .base("dir:" + args[0])
                .entrypoint(List.of("/bin/true"))
                .stdio(new Stdio(Stdio.emptyInput(), Stdio.discard(), Stdio.discard()))
                .build();
        long t3 = System.nanoTime();
        check(Lit.run(spec));
        long t4 = System.nanoTime();
        check(Lit.run(spec));
        long t5 = System.nanoTime();
        check(Lit.run(spec));
        long t6 = System.nanoTime();
        System.out.printf("libc-bindings %.1f  runtime %.1f  spec %.1f  first-run %.1f  second-run %.1f  third-run %.1f  (ms)%n",
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(t6 - t5));
    }

    private static void check(RunResult r) {
        if (!r.success()) {
            throw new IllegalStateException("/bin/true failed: " + r);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
