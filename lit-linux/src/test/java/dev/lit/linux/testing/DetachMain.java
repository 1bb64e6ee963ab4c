package dev.lit.linux.testing;

import dev.lit.Container;
import dev.lit.DetachedContainer;
import dev.lit.Lit;
import java.util.List;

/**
 * A second JVM for tests: starts a detached container named {@code args[0]} running the shell
 * script {@code args[1]}, prints its id and exits, leaving the container to its monitor.
 */
public final class DetachMain {
    private DetachMain() {
    }

    public static void main(String[] args) {
        DetachedContainer c = Lit.startDetached(Container.builder().name(args[0]).entrypoint(List.of("/bin/sh", "-c", args[1])));
        System.out.println(c.id());
    }

    /** The test class path: the cgroup v2 lane's launcher tells it in LIT_TEST_CLASSPATH, since its own is only its jar. */
    static String classPath() {
        String lane = System.getenv("LIT_TEST_CLASSPATH");
        return lane != null && !lane.isBlank() ? lane : System.getProperty("java.class.path");
    }

    /** Runs this main in a new JVM with the test class path; returns what it printed. */
    public static String runInAnotherJvm(String name, String script) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath(),
                DetachMain.class.getName(), name, script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        if (code != 0) {
            throw new AssertionError("the second JVM failed (" + code + "): " + out);
        }
        return out.strip().lines().reduce((a, b) -> b).orElseThrow();
    }
}
