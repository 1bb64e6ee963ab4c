package dev.lit.linux.cgroup;

import dev.lit.ByteSize;
import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.Resources;
import dev.lit.linux.LinuxRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for the tests that need one: a JVM that gets SIGKILLed while its container
 * runs, a JVM that shares its cgroup with another process, and an unprivileged JVM in a
 * delegated subtree. {@link #main} is what runs in the child; the static methods start it.
 * Its protocol is line based: each line it prints is "KEY value".
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Modes:
     * <ul>
     * <li>{@code hold}: starts a container running {@code sleep 600} with limits, prints
     *     {@code READY <id> <pid>}, then waits to be killed.</li>
 * <li>{@code hold-paused}: the same with a container it has paused (cgroup freezer).</li>
     * <li>{@code try-start}: prints its cgroup view, tries {@code Lit.run} of a command that prints
     *     its cgroup, limits and uid with memory and pids limits, and prints {@code STARTED <code>}
     *     with {@code OUT} lines, or {@code ERROR <class>: <message>}.</li>
     * <li>{@code driver}: uses the cgroup driver directly (no container): creates a cgroup
     *     with memory and pids limits, prints {@code DRIVER <memory.max> <pids.max> <dir>},
     *     {@code SELF <own cgroup>} and {@code REMOVED true} once it removed it; then does what
     *     {@code try-start} does.</li>
     * </ul>
     */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "hold" -> {
                Container c = Lit.start(CgroupTesting.sh("exec sleep 600").memory("32M").pids(16).build());
                System.out.println("READY " + c.id() + " " + c.pid());
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(10));
            }
            case "hold-paused" -> {
                Container c = Lit.start(CgroupTesting.sh("exec sleep 600").build());
                c.pause();
                System.out.println("READY " + c.id() + " " + c.pid());
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(10));
            }
            case "try-start" -> {
                printView();
                tryStart();
            }
            case "driver" -> {
                printView();
                try {
                    CgroupManager m = CgroupManager.forThisProcess();
                    ContainerCgroup cg = m.create("driver-" + ProcessHandle.current().pid(), new Resources(null, ByteSize.parse("32M"), 16L));
                    Path dir = cg.unified().orElseThrow().path();
                    System.out.println("DRIVER " + CgroupTesting.read(dir.resolve("memory.max")) + " " + CgroupTesting.read(dir.resolve("pids.max")) + " " + dir);
                    System.out.println("SELF " + CgroupTesting.ownV2Path().orElse("?"));
                    cg.remove();
                    m.removeEmptyParents();
                    System.out.println("REMOVED " + Files.notExists(dir));
                } catch (RuntimeException e) {
                    System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
                }
                tryStart();
            }
            default -> {
                System.err.println("usage: ChildJvm hold|try-start|driver");
                System.exit(2);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void tryStart() {
        try {
            var r = Lit.run(CgroupTesting.sh("cat /proc/self/cgroup /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max; id -u")
                    .memory("32M").pids(16).build());
            System.out.println("STARTED " + r.status().code());
            r.stdoutText().lines().forEach(l -> System.out.println("OUT " + l));
            r.stderrText().lines().forEach(l -> System.out.println("ERR " + l));
        } catch (RuntimeException | InterruptedException e) {
            System.out.println("ERROR " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }

    private static void printView() {
        System.out.println("UID " + dev.lit.linux.ffm.Libc.geteuid());
        System.out.println("CGROUP " + CgroupTesting.ownV2Path().orElse("?"));
        CgroupSystem s = CgroupSystem.detect();
        System.out.println("CONTROLLERS " + String.join(" ", s.unified().map(h -> new java.util.TreeSet<>(h.controllers())).orElse(new java.util.TreeSet<>())));
        if (Lit.runtime() instanceof LinuxRuntime) {
            System.out.println("RUNTIME linux");
        }
    }

    // ----------------------------------------------------------------- parent side ---

    /** The java command for a child running {@code mode}: this JVM's java, the classes Lit and this class come from. */
    static List<String> command(String mode, List<String> classPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", String.join(":", classPath), ChildJvm.class.getName(), mode);
    }

    /** The class path entries the child needs: this test class, lit-linux and lit-core (and jspecify if found). */
    static List<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {ChildJvm.class, LinuxRuntime.class, Lit.class, org.jspecify.annotations.NullMarked.class}) {
            try {
                var source = c.getProtectionDomain().getCodeSource();
                if (source != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (URISyntaxException | RuntimeException ignored) {
                // not loaded from a file: the child cannot use it
            }
        }
        return List.copyOf(entries);
    }

    /** Copies the class path into a world-readable directory, for a child that runs as another user. */
    static List<String> worldReadableCopy(List<String> classPath, Path into) throws IOException {
        List<String> copy = new ArrayList<>();
        Files.createDirectories(into);
        Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwxr-xr-x"));
        int i = 0;
        for (String entry : classPath) {
            Path source = Path.of(entry);
            Path target = into.resolve(Integer.toString(i++) + (Files.isDirectory(source) ? "" : ".jar"));
            copyTree(source, target);
            copy.add(target.toString());
        }
        return copy;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path t = target.resolve(source.relativize(dir).toString());
                Files.createDirectories(t);
                Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path t = source.equals(file) ? target : target.resolve(source.relativize(file).toString());
                Files.copy(file, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(Files.isExecutable(file) ? "rwxr-xr-x" : "rw-r--r--"));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A running child whose output lines are read as they come. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final BufferedReader out;
        private final List<String> lines = new ArrayList<>();

        Running(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Running start(List<String> command) throws IOException {
            return new Running(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        /** Reads lines until one starts with {@code key}; fails with all output when the child ends first. */
        String awaitLine(String key) {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith(key + " ") || line.equals(key)) {
                        return line;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("child JVM ended without printing " + key + "; its output:\n" + String.join("\n", lines));
        }

        /** Waits for the end (killing the child after {@code timeout}) and returns all output lines. */
        List<String> finish(Duration timeout) throws InterruptedException {
            var timedOut = new java.util.concurrent.atomic.AtomicBoolean();
            // the watchdog ends a hung child, so that reading its output reaches end of file
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        timedOut.set(true);
                        process.destroyForcibly();
                    }
                } catch (InterruptedException ignored) {
                    // the child ended
                }
            });
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            process.waitFor();
            watchdog.interrupt();
            if (timedOut.get()) {
                throw new AssertionError("child JVM did not finish within " + timeout + "; its output:\n" + String.join("\n", lines));
            }
            return List.copyOf(lines);
        }

        String value(String key) {
            return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).findFirst()
                    .orElseThrow(() -> new AssertionError("child JVM printed no " + key + "; its output:\n" + String.join("\n", lines)));
        }

        List<String> values(String key) {
            return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).toList();
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
