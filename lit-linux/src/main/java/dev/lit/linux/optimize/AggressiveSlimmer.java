package dev.lit.linux.optimize;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExecProcess;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.NetworkMode;
import dev.lit.Optimize;
import dev.lit.RunResult;
import dev.lit.Signal;
import dev.lit.Stdio;
import dev.lit.linux.ffm.Fanotify;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The aggressive half of {@code shrink_image}: records which files a running container opens
 * while it runs its check command (a fanotify mount mark on its root, read on the calling thread),
 * reduces a squashed tree to those files plus {@link #ALLOWLIST}, and verifies the result by
 * running the check on it, which must end with the same exit code and standard output.
 *
 * <p>What is kept: every non-directory the check opened or executed; every symbolic link on the
 * way to one (and to the entrypoint and the check's program, looked up on {@code PATH} when
 * relative); everything the allowlist matches. Every directory stays, empty or not: they cost no
 * bytes, and they are the mount points ({@code /proc}, {@code /dev}, {@code /tmp}) and working
 * directories a start needs.
 */
public final class AggressiveSlimmer {
    /**
     * Paths (globs relative to the root) kept whether opened or not: the dynamic loader and its
     * cache (opened before a mark could see a start's first exec), name-service files (read by
     * libc only on some lookups), CA certificates and timezone data (read on first use, often not
     * during a check).
     */
    public static final List<String> ALLOWLIST = List.of(
            "lib/ld-*", "lib64/ld-*", "usr/lib/ld-*", "usr/lib64/ld-*", "lib/*/ld-*", "usr/lib/*/ld-*", "etc/ld.so.cache",
            "etc/ld-musl-*", "etc/passwd", "etc/group", "etc/nsswitch.conf", "etc/hosts", "etc/resolv.conf", "etc/host.conf",
            "etc/ssl/**", "etc/pki/**", "etc/ca-certificates/**", "usr/share/ca-certificates/**", "usr/lib/ssl/**",
            "etc/localtime", "etc/timezone", "usr/share/zoneinfo/**");
    /** How long the check may run, in the container and on the slim tree. */
    static final Duration CHECK_TIMEOUT = Duration.ofMinutes(5);
    private static final int SYMLINK_DEPTH = 40;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /**
     * What the check did in the original container.
     *
     * @param opened   the paths it opened, as the container names them
     * @param exitCode its exit code
     * @param stdout   its standard output
     */
    public record Observation(Set<String> opened, int exitCode, String stdout) {
    }

    /**
     * What the reduction removed.
     *
     * @param kept         non-directories kept
     * @param removed      non-directories removed
     * @param removedBytes regular-file bytes they held (a hard-linked file counted once its last name goes)
     */
    public record Reduction(int kept, int removed, long removedBytes) {
    }

    private final List<PathMatcher> allow = ALLOWLIST.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();

    /** A slimmer with {@link #ALLOWLIST}. */
    public AggressiveSlimmer() {
    }

    /**
     * Runs {@code check} in the running container with a fanotify mark on its root mount, reading
     * events on the calling thread until the check ends.
     *
     * @param container the running container
     * @param check     the command, run with {@link Container#exec(String...)}
     * @return the files it opened, its exit code and output
     * @throws IOException when the check cannot run, times out, or events were lost (queue overflow)
     * @throws CancellationException when the thread is interrupted
     */
    public Observation observe(Container container, List<String> check) throws IOException {
        Set<String> opened = new TreeSet<>();
        boolean[] overflow = {false};
        try (Fanotify group = Fanotify.open()) {
            group.markMount(Path.of("/proc/" + container.pid() + "/root"), Fanotify.FAN_OPEN | Fanotify.FAN_OPEN_EXEC | Fanotify.FAN_ACCESS);
            java.util.function.Consumer<Fanotify.Event> sink = e -> {
                if ((e.mask() & Fanotify.FAN_Q_OVERFLOW) != 0) {
                    overflow[0] = true;
                } else if (!e.path().isEmpty()) {
                    opened.add(e.path());
                }
            };
            RunResult result;
            ExecProcess exec = container.exec(check.toArray(String[]::new));
            boolean ended = false;
            try {
                long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
                // read while it runs: the queue is bounded (16384 events) and each event holds an fd
                while (exec.waitFor(Duration.ofMillis(10)).isEmpty()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException(); // a cancel
                    }
                    group.drain(sink);
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the check " + check + " ran longer than " + CHECK_TIMEOUT + " in the container");
                    }
                }
                result = exec.result();
                ended = true;
                group.drain(sink);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("image slimming cancelled during the check");
            } finally {
                if (ended) {
                    exec.close();
                } else {
                    // a child of the check may hold its output open until the container ends, and
                    // closing waits for that: the job does not
                    exec.kill(Signal.SIGKILL);
                    Thread.ofVirtual().name("lit-slim-check-close").start(exec::close);
                }
            }
            if (overflow[0]) {
                throw new IOException("fanotify queue overflowed while the check ran: the set of opened files is incomplete");
            }
            return new Observation(opened, result.exitCode(), result.stdoutText());
        }
    }

    /**
     * Removes from {@code tree} (a squashed root) every non-directory that is neither opened nor
     * allowlisted nor on the way to one.
     *
     * @param tree     the root to reduce in place
     * @param opened   paths the check opened
     * @param programs the entrypoint and check programs (absolute, or looked up on PATH)
     * @param path     the PATH to look them up on
     * @return what was kept and removed
     * @throws IOException when the tree cannot be walked or a file removed
     * @throws CancellationException when the thread is interrupted
     */
    public Reduction reduce(Path tree, Set<String> opened, List<String> programs, String path) throws IOException {
        Set<String> keep = new HashSet<>();
        for (String p : opened) {
            keepChain(tree, p, keep, 0);
        }
        for (String program : programs) {
            if (program.startsWith("/")) {
                keepChain(tree, program, keep, 0);
            } else {
                for (String dir : path.split(":")) {
                    if (!dir.isEmpty() && Files.exists(tree.resolve(dir.substring(dir.startsWith("/") ? 1 : 0)).resolve(program), NOFOLLOW)) {
                        keepChain(tree, dir + "/" + program, keep, 0);
                        break;
                    }
                }
            }
        }
        List<Path> allowed = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        List<Path> doomed = new ArrayList<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                checkCancelled();
                Path rel = tree.relativize(file);
                if (allow.stream().anyMatch(m -> m.matches(rel))) {
                    allowed.add(rel);
                } else if (!keep.contains("/" + rel)) {
                    doomed.add(file);
                }
                if (attrs.isSymbolicLink()) {
                    links.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path rel : allowed) {
            keepChain(tree, "/" + rel, keep, 0); // an allowed link keeps what it points to
        }
        // fanotify names the file opened, never the link it was opened through (libfoo.so.1, /lib
        // on a merged /usr): a link that ends at a kept file or at a directory stays, it costs nothing
        for (Path rel : links) {
            Set<String> chain = new HashSet<>();
            String end = keepChain(tree, "/" + rel, chain, 0);
            if (end != null && (keep.contains(end) || Files.isDirectory(tree.resolve(end.substring(1)), NOFOLLOW))) {
                keep.addAll(chain);
            }
        }
        int removed = 0;
        long bytes = 0;
        for (Path file : doomed) {
            checkCancelled();
            if (keep.contains("/" + tree.relativize(file))) {
                continue;
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
            if (a.isRegularFile() && (Integer) Files.getAttribute(file, "unix:nlink", NOFOLLOW) == 1) {
                bytes += a.size();
            }
            Files.delete(file);
            removed++;
        }
        return new Reduction(keep.size(), removed, bytes);
    }

    /**
     * Keeps {@code path} and each symbolic link met while resolving it inside {@code tree}
     * (absolute targets resolve against the tree's root, never the host's); returns where it ends,
     * null for a loop or a dangling link.
     */
    private static @Nullable String keepChain(Path tree, String path, Set<String> keep, int depth) {
        if (depth > SYMLINK_DEPTH) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(path.split("/")));
        parts.removeIf(String::isEmpty);
        String current = "";
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
                continue;
            }
            String next = current + "/" + part;
            Path onDisk = tree.resolve(next.substring(1));
            if (Files.isSymbolicLink(onDisk)) {
                keep.add(next);
                try {
                    String target = Files.readSymbolicLink(onDisk).toString();
                    String base = target.startsWith("/") ? target : current + "/" + target;
                    String rest = String.join("/", parts.subList(i + 1, parts.size()));
                    return keepChain(tree, rest.isEmpty() ? base : base + "/" + rest, keep, depth + 1);
                } catch (IOException e) {
                    return null; // an unreadable link is kept as it is
                }
            }
            current = next;
        }
        if (!current.isEmpty()) {
            keep.add(current);
        }
        return current.isEmpty() ? "/" : current;
    }

    /**
     * Runs the check as the entrypoint of a container on the slim tree (no network, no published
     * ports, no name: it runs beside the original) and compares it with the observation.
     *
     * @param original the spec the original container runs (image defaults applied)
     * @param tree     the slim tree
     * @param check    the check command
     * @param expected what the check did in the original
     * @return empty when it behaves the same, else why not
     * @throws InterruptedException when the thread is interrupted while the check runs
     */
    public Optional<String> verify(ContainerSpec original, Path tree, List<String> check, Observation expected) throws InterruptedException {
        ContainerSpec probe = original.toBuilder().name(null).base(Base.directory(tree)).entrypoint(check).command(List.of())
                .network(NetworkMode.none()).stdio(Stdio.CAPTURE).optimize(Optimize.NONE).build();
        RunResult r;
        try (Container c = Lit.start(probe)) {
            Optional<ExitStatus> status = c.waitFor(CHECK_TIMEOUT);
            if (status.isEmpty()) {
                c.kill(Signal.SIGKILL);
                return Optional.of("the check ran longer than " + CHECK_TIMEOUT + " on the slim image");
            }
            r = c.result();
        } catch (RuntimeException e) {
            return Optional.of("the slim image did not start: " + e.getMessage());
        }
        if (r.exitCode() != expected.exitCode()) {
            return Optional.of("the check exited with " + r.exitCode() + " on the slim image, " + expected.exitCode()
                    + " on the image (stderr: " + r.stderrText().strip() + ")");
        }
        if (!r.stdoutText().equals(expected.stdout())) {
            return Optional.of("the check printed something else on the slim image: " + abbreviate(r.stdoutText())
                    + " instead of " + abbreviate(expected.stdout()));
        }
        return Optional.empty();
    }

    private static String abbreviate(String s) {
        String one = s.strip().replace('\n', '|');
        return "'" + (one.length() > 200 ? one.substring(0, 200) + "..." : one) + "'";
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("image slimming cancelled");
        }
    }
}
