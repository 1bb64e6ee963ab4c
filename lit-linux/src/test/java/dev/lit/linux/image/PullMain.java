package dev.lit.linux.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process pulling an image, for the cross-process locking test and the benchmark:
 * {@code PullMain ROOT REFERENCE}. Prints "OK <manifest digest>".
 */
public final class PullMain {
    private PullMain() {
    }

    public static void main(String[] args) throws Exception {
        Images images = Images.open(ImageOptions.defaults().withRoot(Path.of(args[0])));
        LocalImage image = images.pull(args[1]);
        System.out.println("OK " + image.record().manifest());
    }

    /** Starts this main in a new JVM with the test class path. */
    static Process start(Path root, String reference) throws java.io.IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PullMain.class.getName());
        command.add(root.toString());
        command.add(reference);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
