package dev.lit.linux.testing;

import dev.lit.Container;
import dev.lit.DetachOptions;
import dev.lit.DetachedContainer;
import dev.lit.Lit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A second JVM for tests: starts a detached container named {@code args[0]} running the shell
 * script {@code args[1]}, prints its id and exits, leaving the container to its monitor. With
 * {@code args[2]} "create", only creates it, to be removed when it ends (--rm), and leaves it unstarted.
 */
public final class DetachMain {
    private DetachMain() {
    }

    public static void main(String[] args) {
        var spec = Container.builder().name(args[0]).entrypoint(List.of("/bin/sh", "-c", args[1]));
        DetachedContainer c = args.length > 2 && args[2].equals("create")
                ? Lit.createDetached(spec, DetachOptions.DEFAULT.withAutoRemove(true))
                : Lit.startDetached(spec);
        System.out.println(c.id());
    }

    /** The test class path: the cgroup v2 lane's launcher tells it in LIT_TEST_CLASSPATH, since its own is only its jar. */
    static String classPath() {
        String lane = System.getenv("LIT_TEST_CLASSPATH");
        return lane != null && !lane.isBlank() ? lane : System.getProperty("java.class.path");
    }

    /** Runs this main in a new JVM with the test class path; returns what it printed. */
    public static String runInAnotherJvm(String name, String script) throws Exception {
        return inAnotherJvm(name, script, "start");
    }

    /** Creates (not starts) a --rm container in a new JVM; returns its id. */
    public static String createInAnotherJvm(String name, String script) throws Exception {
        return inAnotherJvm(name, script, "create");
    }

    private static String inAnotherJvm(String name, String script, String verb) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        // The JVM flags this one runs with (the cgroup v2 lane's emulated VM runs C1 only, serial GC)
        command.addAll(ProcessHandle.current().info().arguments().stream().flatMap(Arrays::stream)
                .filter(a -> a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-XX:+UseSerialGC")).toList());
        command.addAll(List.of("-cp", classPath(), DetachMain.class.getName(), name, script, verb));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        if (code != 0) {
            throw new AssertionError("the second JVM failed (" + code + "): " + out);
        }
        return out.strip().lines().reduce((a, b) -> b).orElseThrow();
    }
}
