package dev.lit.linux.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps the native helper performs, built here and sent to it as NUL-separated words.
 * The helper's part ({@code clone}, cgroup placement) runs in the helper; the child's part
 * runs in the container's new namespaces, in order, and ends with {@link #exec}.
 * See lit-linux/src/main/c/ for the reader of this format.
 */
public final class Plan {
    private static final String MAGIC = "lit-plan-1";
    private final List<String> parent = new ArrayList<>();
    private final List<String> child = new ArrayList<>();
    private final List<String> described = new ArrayList<>();
    private boolean executes;

    /** Namespaces the container's PID 1 is cloned into. */
    public Plan cloneInto(int namespaceFlags) {
        parent.add("clone");
        parent.add(Integer.toString(namespaceFlags));
        return this;
    }

    /** A cgroup v2 directory the child is created in (CLONE_INTO_CGROUP, or cgroup.procs as a fallback). */
    public Plan cgroupInto(String directory) {
        parent.add("cgroup-into");
        parent.add(word(directory));
        return this;
    }

    /** A cgroup.procs file the helper writes the child's pid into before letting it go. */
    public Plan cgroupJoin(String procsFile) {
        parent.add("cgroup-join");
        parent.add(word(procsFile));
        return this;
    }

    public Plan mount(String source, String target, String type, long flags, String data) {
        return step("mount", source, target, type, Long.toString(flags), data);
    }

    /** mkdir -p with this mode; existing directories are left as they are. */
    public Plan mkdir(String path, int mode) {
        return step("mkdir", path, Integer.toOctalString(mode));
    }

    /** Creates an empty file to bind a file onto. */
    public Plan touch(String path) {
        return step("touch", path);
    }

    public Plan symlink(String target, String linkPath) {
        return step("symlink", target, linkPath);
    }

    public Plan pivotRoot(String newRoot) {
        return step("pivot-root", newRoot);
    }

    public Plan hostname(String name) {
        return step("hostname", name);
    }

    public Plan loopbackUp() {
        return step("loopback-up");
    }

    public Plan unshare(int namespaceFlags) {
        return step("unshare", Integer.toString(namespaceFlags));
    }

    public Plan chdir(String directory) {
        return step("chdir", directory);
    }

    /** The signal PID 1 gets when the thread that spawned the helper dies (the JVM was killed). */
    public Plan parentDeathSignal(int signal) {
        return step("pdeathsig", Integer.toString(signal));
    }

    /** The final step: execute {@code argv} with {@code env}, under Lit's tiny init or as PID 1 itself. */
    public Plan exec(boolean underInit, List<String> argv, List<String> env) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("exec needs at least the executable");
        }
        List<String> words = new ArrayList<>();
        words.add(underInit ? "1" : "0");
        words.add(Integer.toString(argv.size()));
        words.addAll(argv);
        words.add(Integer.toString(env.size()));
        words.addAll(env);
        executes = true;
        return step("exec", words.toArray(String[]::new));
    }

    private Plan step(String name, String... args) {
        if (executes && !name.equals("exec")) {
            throw new IllegalStateException("no step can follow exec");
        }
        child.add(name);
        for (String arg : args) {
            child.add(word(arg));
        }
        described.add(name + " " + String.join(" ", args));
        return this;
    }

    private static String word(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a plan word cannot contain NUL: " + s.replace('\0', '?'));
        }
        return s;
    }

    /** The wire form the helper reads. */
    public byte[] encode() {
        if (!executes) {
            throw new IllegalStateException("a plan must end with exec");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        List<String> all = new ArrayList<>();
        all.add(MAGIC);
        all.addAll(parent);
        all.add("child");
        all.addAll(child);
        for (String w : all) {
            out.writeBytes(w.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The child's steps, one per line, for debugging and tests. */
    public List<String> steps() {
        return List.copyOf(described);
    }
}
