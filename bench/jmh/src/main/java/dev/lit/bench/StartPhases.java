package dev.lit.bench;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.Stdio;
import java.util.Arrays;
import java.util.List;

/**
 * Where embedded Lit's start time goes: runs {@code /bin/true} containers back to back and
 * prints the distribution of start (Lit.start returns), wait (the command has exited) and
 * close (the container is removed). Run it under JFR method timing (JDK 25, JEP 520) to
 * split start further; bench/start-latency/phases.sh does that.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp ... dev.lit.bench.StartPhases ROOTFS [RUNS] [init|direct] [idle-ms]</pre>
 */
public final class StartPhases {
    private StartPhases() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: StartPhases ROOTFS [RUNS] [init|direct] [idle-ms]");
            System.exit(2);
        }
        String rootfs = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        boolean init = args.length <= 2 || !args[2].equals("direct");
        long idleMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
        ContainerSpec spec = Container.builder()
                .base("dir:" + rootfs)
                .entrypoint(List.of("/bin/true"))
                .init(init)
                .stdio(new Stdio(Stdio.emptyInput(), Stdio.discard(), Stdio.discard()))
                .build();
        int warmup = Math.max(50, runs / 5);
        double[] start = new double[runs];
        double[] wait = new double[runs];
        double[] close = new double[runs];
        double[] total = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            if (idleMillis > 0) {
                Thread.sleep(idleMillis);
            }
            long t0 = System.nanoTime();
            Container c = Lit.start(spec);
            long t1 = System.nanoTime();
            c.waitFor();
            long t2 = System.nanoTime();
            RunResult r = c.result();
            c.close();
            long t3 = System.nanoTime();
            if (!r.success()) {
                throw new IllegalStateException("/bin/true failed: " + r);
            }
            if (i >= 0) {
                start[i] = (t1 - t0) / 1e6;
                wait[i] = (t2 - t1) / 1e6;
                close[i] = (t3 - t2) / 1e6;
                total[i] = (t3 - t0) / 1e6;
            }
        }
        System.out.printf("%d runs after %d warm-up runs, init=%s, idle %d ms before each (ms)%n", runs, warmup, init, idleMillis);
        System.out.printf("%-42s %8s %8s %8s %8s%n", "phase", "p10", "median", "p90", "mean");
        row("Lit.start (spec to command running)", start);
        row("waitFor (until the command's exit is seen)", wait);
        row("result + close (container removed)", close);
        row("total (= Lit.run)", total);
    }

    private static void row(String name, double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        System.out.printf("%-42s %8.2f %8.2f %8.2f %8.2f%n", name, pct(v, 10), pct(v, 50), pct(v, 90), mean);
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
