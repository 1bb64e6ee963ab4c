import dev.lit.linux.image.ImageOptions;
import dev.lit.linux.image.Images;
import dev.lit.linux.image.LocalImage;
import java.nio.file.Path;

/** Pulls one image into a Lit root: {@code PullBench ROOT REFERENCE}. What bench/pull/run.sh times for Lit. */
public final class PullBench {
    public static void main(String[] args) throws Exception {
        Images images = Images.open(ImageOptions.defaults().withRoot(Path.of(args[0])));
        LocalImage image = images.pull(args[1]);
        System.out.println(image.reference() + " " + image.record().manifest() + " " + image.layers().size() + " layers");
    }
}
