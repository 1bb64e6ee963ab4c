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

    /** The helper waits for the JVM's "go" after reporting the pid (the JVM writes id maps meanwhile). */
    public Plan awaitJvm() {
        parent.add("await-jvm");
        return this;
    }

    /**
     * Exec into a running container: the helper joins the cgroups named by {@link #cgroupInto}
     * and {@link #cgroupJoin} and these namespaces of the process whose pidfd it gets on
     * descriptor 5, and clones the child there instead of into new namespaces.
     */
    public Plan enter(int namespaceFlags) {
        parent.add("enter");
        parent.add(Integer.toString(namespaceFlags));
        return this;
    }

    /** The command's session takes its stdin (a pseudo-terminal) as controlling terminal, after setsid. */
    public Plan controllingTerminal() {
        return step("ctty");
    }

    /** A host path mount; container paths use {@link #mountIn}. */
    /**
     * Monitor mode: the helper forks a monitor that becomes PID 1's parent and outlives the JVM,
     * logging PID 1's output to {@code log} (rotated at {@code maxBytes}, {@code files} kept) and
     * writing its status into {@code stateDir}.
     *
     * @param restartKind 0 no, 1 on-failure, 2 always, 3 unless-stopped
     * @param maxRetries  the on-failure limit, 0 for none
     */
    public Plan detach(String stateDir, String log, long maxBytes, int files, int restartKind, int maxRetries) {
        parent.addAll(List.of("detach", word(stateDir), "log", word(log), Long.toString(maxBytes), Integer.toString(files),
                "restart", Integer.toString(restartKind), Integer.toString(maxRetries)));
        return this;
    }

    /** The user namespace maps the monitor writes itself when it restarts PID 1 (the JVM may be gone). */
    public Plan monitorIdMaps(String uidMap, String gidMap) {
        parent.addAll(List.of("id-maps", word(uidMap), word(gidMap)));
        return this;
    }

    /** PID 1's stdin is a FIFO in the state directory that the monitor keeps open (Docker's -i with -d). */
    public Plan stdinFifo() {
        parent.add("stdin-fifo");
        return this;
    }

    /** The monitor removes the container's cgroups and state directory once it has ended. */
    public Plan autoRemove() {
        parent.add("autoremove");
        return this;
    }

    public Plan mount(String source, String target, String type, long flags, String data) {
        return step("mount", source, target, type, Long.toString(flags), data);
    }

    /**
     * The container's root directory for the "-in" steps that follow: their paths are
     * resolved inside it (openat2 RESOLVE_IN_ROOT), so symbolic links cannot lead out.
     */
    public Plan root(String directory) {
        return step("root", directory);
    }

    public Plan mkdirIn(String containerPath, int mode) {
        return step("mkdir-in", containerPath, Integer.toOctalString(mode));
    }

    public Plan touchIn(String containerPath) {
        return step("touch-in", containerPath);
    }

    public Plan symlinkIn(String target, String containerPath) {
        return step("symlink-in", target, containerPath);
    }

    /** Mounts onto a container path; {@code source} is a host path or a filesystem name. */
    public Plan mountIn(String source, String containerPath, String type, long flags, String data) {
        return step("mount-in", source, containerPath, type, Long.toString(flags), data);
    }

    /** Remounts a container path read-only, keeping the flags the kernel locked on it. */
    public Plan remountReadOnlyIn(String containerPath) {
        return step("remount-ro-in", containerPath);
    }

    /** Makes an existing container path read-only (bind onto itself, then remount); a missing one is skipped. */
    public Plan readonlyIn(String containerPath) {
        return step("readonly-in", containerPath);
    }

    /** Hides a container path (/dev/null over a file, an empty read-only tmpfs over a directory); a missing one is skipped. */
    public Plan maskIn(String containerPath) {
        return step("mask-in", containerPath);
    }

    /** Drops every capability not in {@code keep} from the bounding set. */
    public Plan bounding(long keep) {
        return step("bounding", Long.toHexString(keep));
    }

    /** Switches to this user and groups, keeping permitted capabilities for a following {@link #caps}. */
    public Plan user(int uid, int gid, List<Integer> groups) {
        List<String> words = new ArrayList<>(List.of(Integer.toString(uid), Integer.toString(gid), Integer.toString(groups.size())));
        groups.forEach(g -> words.add(Integer.toString(g)));
        return step("user", words.toArray(String[]::new));
    }

    /** Sets the capability sets (64-bit masks). */
    public Plan caps(long effective, long permitted, long inheritable, long ambient) {
        return step("caps", Long.toHexString(effective), Long.toHexString(permitted), Long.toHexString(inheritable), Long.toHexString(ambient));
    }

    public Plan noNewPrivileges() {
        return step("no-new-privs");
    }

    /** Installs a seccomp filter: {@code program} is struct sock_filter entries in host byte order. */
    public Plan seccomp(byte[] program) {
        if (program.length == 0 || program.length % 8 != 0) {
            throw new IllegalArgumentException("a seccomp program is whole 8-byte instructions");
        }
        return step("seccomp", java.util.HexFormat.of().formatHex(program));
    }

    /** Sets the security module context the next execve takes (AppArmor profile or SELinux label). */
    public Plan lsmExec(String module, String value) {
        return step("lsm-exec", module, value);
    }

    /** In a fresh user namespace whose maps are written, becomes uid and gid 0 there. */
    public Plan becomeRoot() {
        return step("become-root");
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
        described.add(args.length == 0 ? name : name + " " + String.join(" ", args));
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
