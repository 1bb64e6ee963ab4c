import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.ShrinkImage;
import dev.lit.Signal;
import dev.lit.linux.image.ImageBases;
import dev.lit.linux.optimize.SlimImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * shrink_image at the aggressive level on the same image as ShrinkBench: one container runs
 * {@code sleep}, the job observes the check in it, reduces and verifies; prints the sizes of the
 * image, the standard tree and the aggressive tree, and how long the job took. Run after
 * ShrinkBench (same -Dlit.root). Usage: AggressiveShrinkBench IMAGE-REFERENCE.
 */
public final class AggressiveShrinkBench {
    public static void main(String[] args) throws Exception {
        String ref = args[0];
        ShrinkImage level = ShrinkImage.aggressive("ls /usr/share; cat /etc/passwd");
        long t0 = System.nanoTime();
        try (Container c = Lit.start(Container.builder().base(ref).entrypoint(List.of("/bin/busybox", "sleep", "120")).shrinkImage(level))) {
            if (!SlimImages.awaitIdle(Duration.ofSeconds(110))) {
                throw new IllegalStateException("the aggressive job did not end within 110 s");
            }
            c.kill(Signal.SIGKILL);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Path> layers = ImageBases.lowerDirectories(ref);
        SlimImages slim = SlimImages.forDefaultStore();
        Properties rec = slim.aggressiveRecordOf(layers, level.check())
                .orElseThrow(() -> new IllegalStateException("no aggressive tree: " + slim.rejection(layers, level.check()).orElse("?")));
        Properties standard = slim.recordOf(layers).orElse(null);
        System.out.printf(Locale.ROOT, "aggressive (check: %s): layers %.1f MiB -> standard tree %.1f MiB -> aggressive tree %.2f MiB;"
                        + " zstd layer %.2f MiB (standard: %s); opened %s files, removed %s; job %.1f s from the start%n",
                rec.getProperty("check"), mib(rec, "bytes.before"), mib(rec, "bytes.standard"), mib(rec, "bytes.after"),
                mib(rec, "layer.bytes"), standard == null ? "not built" : String.format(Locale.ROOT, "%.2f MiB", mib(standard, "layer.bytes")),
                rec.getProperty("opened"), rec.getProperty("removed"), seconds);
    }

    private static double mib(Properties p, String key) {
        return Long.parseLong(p.getProperty(key)) / 1048576.0;
    }
}
