import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.image.ImageBases;
import dev.lit.linux.optimize.SlimImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * shrink_image: start-to-exit of /bin/true from an image with the flag off and on (on: the slim
 * tree is removed before each start, so every start also launches the background job, which begins
 * half a second later and overlaps the next runs of the round), interleaved;
 * then the sizes the job recorded. Usage: ShrinkBench IMAGE-REFERENCE ROUNDS (with -Dlit.root).
 */
public final class ShrinkBench {
    public static void main(String[] args) throws Exception {
        String ref = args[0];
        int rounds = Integer.parseInt(args[1]);
        List<String> cmd = List.of("/bin/true");
        for (int i = 0; i < 5; i++) {
            Lit.run(Container.builder().base(ref).entrypoint(cmd)); // warm-up: pull, JIT
        }
        List<Path> layers = ImageBases.lowerDirectories(ref);
        SlimImages slim = SlimImages.forDefaultStore();
        Path slimDir = Path.of(System.getProperty("lit.root"), "slim");
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (boolean shrink : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                if (shrink) {
                    deleteTree(slimDir);
                }
                Thread.sleep(300); // both sides start from the same quiet: no deletion still in flight
                long t0 = System.nanoTime();
                RunResult res = Lit.run(Container.builder().base(ref).entrypoint(cmd).shrinkImage(shrink));
                double ms = (System.nanoTime() - t0) / 1e6;
                if (res.exitCode() != 0) {
                    throw new IllegalStateException("run failed: " + res);
                }
                (shrink ? on : off).add(ms);
                SlimImages.awaitIdle(java.time.Duration.ofSeconds(120)); // jobs never overlap the next round
            }
        }
        // the app's own throughput while a job runs beside it: a CPU-bound shell loop, about 2 s, the job starting 0.5 s in
        List<String> busy = List.of("/bin/sh", "-c", "i=0; while [ $i -lt 1500000 ]; do i=$((i+1)); done");
        List<Double> busyOff = new ArrayList<>();
        List<Double> busyOn = new ArrayList<>();
        for (int r = 0; r < Math.max(3, rounds / 3); r++) {
            for (boolean shrink : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                if (shrink) {
                    deleteTree(slimDir);
                }
                Thread.sleep(300);
                long t0 = System.nanoTime();
                RunResult res = Lit.run(Container.builder().base(ref).entrypoint(busy).shrinkImage(shrink));
                (shrink ? busyOn : busyOff).add((System.nanoTime() - t0) / 1e6);
                if (res.exitCode() != 0) {
                    throw new IllegalStateException("run failed: " + res);
                }
                SlimImages.awaitIdle(java.time.Duration.ofSeconds(120));
            }
        }
        Properties rec = slim.recordOf(layers).orElseThrow();
        System.out.printf(Locale.ROOT, "| shrink_image | median start to exit | p90 |%n| --- | --- | --- |%n");
        System.out.printf(Locale.ROOT, "| off | %.1f ms | %.1f ms |%n", median(off), p90(off));
        System.out.printf(Locale.ROOT, "| on (job starts right after each start) | %.1f ms | %.1f ms |%n", median(on), p90(on));
        System.out.printf(Locale.ROOT, "| ratio on / off | **%.2fx** | |%n%n", median(on) / median(off));
        System.out.printf(Locale.ROOT, "| app: CPU-bound loop, job beside it | off %.0f ms | on %.0f ms | ratio **%.2fx** |%n%n",
                median(busyOff), median(busyOn), median(busyOn) / median(busyOff));
        System.out.printf(Locale.ROOT, "sizes: layers %.1f MiB -> slim tree %.1f MiB; leftovers %s files, %.1f MiB; %s duplicates linked, %.1f MiB; zstd layer %.1f MiB%n",
                mib(rec, "bytes.before"), mib(rec, "bytes.after"), rec.getProperty("leftovers"), mib(rec, "leftovers.bytes"),
                rec.getProperty("deduplicated"), mib(rec, "deduplicated.bytes"), mib(rec, "layer.bytes"));
        System.out.println("job cpu: " + rec.getProperty("cpu"));
    }

    static double mib(Properties p, String key) {
        return Long.parseLong(p.getProperty(key)) / 1048576.0;
    }

    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    static double p90(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.get((int) Math.min(s.size() - 1, Math.ceil(s.size() * 0.9) - 1));
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
