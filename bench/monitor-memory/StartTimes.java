import dev.lit.Container;
import dev.lit.DetachedContainer;
import dev.lit.Lit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Embedded start latency, warm JVM: how long Lit.startDetached takes to return (the command
 * runs) against Lit.start for the same "sleep 600" on a directory rootfs. Prints medians in ms.
 */
public class StartTimes {
    public static void main(String[] args) throws Exception {
        Path rootfs = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        var spec = Container.builder().base("dir:" + rootfs).entrypoint(List.of("/bin/sleep", "600")).build();
        for (int i = 0; i < 5; i++) { // warm-up
            Lit.startDetached(spec).forceRemove();
            Lit.start(spec).close();
        }
        double[] detached = new double[n];
        double[] attached = new double[n];
        List<DetachedContainer> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            started.add(Lit.startDetached(spec));
            detached[i] = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            Container c = Lit.start(spec);
            attached[i] = (System.nanoTime() - t1) / 1e6;
            c.close();
        }
        for (DetachedContainer c : started) {
            c.forceRemove();
        }
        System.out.printf("detached %.1f%nattached %.1f%n", median(detached), median(attached));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
