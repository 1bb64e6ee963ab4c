package dev.lit.linux.optimize;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.cgroup.Controller;
import dev.lit.linux.cgroup.Hierarchy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One background build of a slim image: a platform thread of its own (so that it can sit in a
 * cgroup of its own), under the slim tree's file lock, at the least cpu weight ({@link LowPriority}:
 * nice 19, and on cgroup v1, where threads can be placed one by one, a cgroup with
 * {@code cpu.shares=2}; cgroup v2 would need a threaded subtree of the JVM's cgroup, so there it is
 * nice alone). {@link #cancel()} interrupts it; what it leaves is only ever a {@code .tmp-} entry
 * the next job removes.
 */
public final class SlimJob {
    private static final String LOW_SHARES = "2";
    private static final System.Logger LOG = System.getLogger(SlimJob.class.getName());
    private final String key;
    private final CompletableFuture<ImageSlimmer.@Nullable Report> result = new CompletableFuture<>();
    private final Thread thread;

    SlimJob(String key, Thread thread) {
        this.key = key;
        this.thread = thread;
    }

    void run(SlimImages images, List<Path> layers, ImageSlimmer slimmer, String cpu) {
        try {
            Files.createDirectories(images.dir());
            try (FileChannel ch = FileChannel.open(images.lock(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.tryLock()) {
                if (lock == null || images.slimTree(layers).isPresent()) {
                    result.complete(null); // another JVM builds it, or it is done
                    return;
                }
                removeRemains(images);
                ImageSlimmer.Report report = slimmer.slim(layers, images.tree(key));
                Path temp = images.dir().resolve(".tmp-" + key + ".tar.zst");
                TarZstWriter.Written layer = TarZstWriter.write(images.tree(key), temp);
                Files.move(temp, images.blob(key), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                images.writeRecord(key, report, layer, layers, cpu);
                result.complete(report);
            }
        } catch (CancellationException e) {
            result.cancel(false);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * The aggressive level: observe the check in the running container, squash, reduce to what it
     * opened, verify on the slim tree; only a tree that passes is renamed into place and recorded.
     * One that fails is removed and its reason recorded ({@link SlimImages#rejection}) and logged.
     */
    void runAggressive(SlimImages images, List<Path> layers, ImageSlimmer slimmer, AggressiveSlimmer aggressive,
                       ContainerSpec spec, Container container, String cpu) {
        List<String> check = spec.optimize().shrink().check();
        try {
            Files.createDirectories(images.dir());
            try (FileChannel ch = FileChannel.open(images.lock(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.tryLock()) {
                if (lock == null || images.aggressiveTree(layers, check).isPresent()) {
                    result.complete(null);
                    return;
                }
                removeRemains(images);
                AggressiveSlimmer.Observation seen;
                try {
                    seen = aggressive.observe(container, check);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof CancellationException c) {
                        throw c;
                    }
                    reject(images, layers, "the check could not be observed in the container: " + e.getMessage());
                    return;
                }
                Path work = images.dir().resolve(".tmp-" + key + "-tree");
                ImageSlimmer.Report report = slimmer.slim(layers, work);
                List<String> programs = spec.entrypoint().isEmpty() ? List.of(check.getFirst())
                        : List.of(spec.entrypoint().getFirst(), check.getFirst());
                AggressiveSlimmer.Reduction reduction = aggressive.reduce(work, seen.opened(), programs,
                        spec.env().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
                java.util.Optional<String> failed = aggressive.verify(spec, work, check, seen);
                if (failed.isPresent()) {
                    deleteTree(work);
                    reject(images, layers, failed.get());
                    return;
                }
                long after = ImageSlimmer.bytes(work);
                ImageSlimmer.Report slim = new ImageSlimmer.Report(report.bytesBefore(), after, report.leftovers(), report.leftoverBytes(),
                        report.deduplicated(), report.dedupBytes());
                Files.move(work, images.tree(key), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Path temp = images.dir().resolve(".tmp-" + key + ".tar.zst");
                TarZstWriter.Written layer = TarZstWriter.write(images.tree(key), temp);
                Files.move(temp, images.blob(key), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                images.writeRecord(key, slim, layer, layers, cpu, java.util.Map.of(
                        "level", "aggressive", "check", String.join(" ", check), "verified", "true",
                        "opened", Integer.toString(seen.opened().size()), "kept", Integer.toString(reduction.kept()),
                        "removed", Integer.toString(reduction.removed()), "removed.bytes", Long.toString(reduction.removedBytes()),
                        "bytes.standard", Long.toString(report.bytesAfter())));
                result.complete(slim);
            }
        } catch (CancellationException e) {
            result.cancel(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private void reject(SlimImages images, List<Path> layers, String reason) throws IOException {
        images.writeRejection(key, reason, layers);
        LOG.log(System.Logger.Level.WARNING, "aggressive slim image " + key + " thrown away: " + reason);
        result.completeExceptionally(new IllegalStateException("aggressive slim image thrown away: " + reason));
    }

    /** A tree without its record, or temporaries of a build that died: the lock holder owns them now. */
    private void removeRemains(SlimImages images) throws IOException {
        Path tree = images.tree(key);
        if (Files.exists(tree)) {
            deleteTree(tree);
        }
        try (Stream<Path> s = Files.list(images.dir())) {
            for (Path p : s.filter(p -> isRemain(p.getFileName().toString())).toList()) {
                deleteTree(p);
            }
        }
    }

    /**
     * Whether a {@code .tmp-} entry belongs to this key: an aggressive key extends the standard one
     * ({@code KEY_aCHECK}), so the standard job must not take the aggressive job's temporaries.
     */
    private boolean isRemain(String name) {
        for (String prefix : List.of(".tmp-" + key, ".tmp-.tmp-" + key)) {
            if (name.startsWith(prefix) && !name.startsWith(prefix + "_")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /**
     * Completes with the report, with null when someone else built it, or is cancelled.
     *
     * @return the future
     */
    public CompletableFuture<ImageSlimmer.@Nullable Report> result() {
        return result;
    }

    /**
     * The key of the slim tree this job builds, derived from the image's layers.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /** Stops the build; nothing half-made becomes visible. */
    public void cancel() {
        thread.interrupt();
    }

    @Override
    public String toString() {
        return "SlimJob[" + key + (result.isDone() ? ", done" : ", running") + "]";
    }

    /**
     * The calling thread at nice 19 and, on cgroup v1, in a cgroup of the least cpu weight beside
     * Lit's parent cgroup ({@code <launcher's cpu cgroup>/lit-slim-TID}, a sibling of {@code lit}):
     * at that level it competes with the JVM's own threads and the containers' parent group with
     * 2 shares against their 1024. Put back and removed on close.
     */
    record LowPriority(@Nullable Path cgroup, @Nullable Path previous, String tid) implements AutoCloseable {
        static final String PREFIX = "lit-slim-";

        static LowPriority enter(CgroupManager cgroups) {
            String tid = currentTid();
            if (tid == null) {
                return new LowPriority(null, null, "");
            }
            try {
                dev.lit.linux.ffm.Libc.setThreadNice(Integer.parseInt(tid), 19);
            } catch (RuntimeException ignored) {
                // the cgroup below still lowers it
            }
            Hierarchy cpu = cgroups.system().hierarchyFor(Controller.CPU).orElse(null);
            if (cpu == null || cpu.version() != 1) {
                return new LowPriority(null, null, tid);
            }
            Path home = cpu.ownDirectory();
            removeStale(home);
            Path dir = home.resolve(PREFIX + tid);
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("cpu.shares"), LOW_SHARES, StandardOpenOption.WRITE);
                Path previous = threadCgroup(cpu, tid);
                Files.writeString(dir.resolve("tasks"), tid, StandardOpenOption.WRITE);
                return new LowPriority(dir, previous, tid);
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // not empty: removed by the next job's stale sweep once it is
                }
                return new LowPriority(null, null, tid);
            }
        }

        /** Empty slim cgroups that jobs of dead JVMs left (rmdir fails on one in use). */
        private static void removeStale(Path home) {
            try (Stream<Path> s = Files.list(home)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                    try {
                        Files.delete(p);
                    } catch (IOException ignored) {
                        // in use by a running job
                    }
                }
            } catch (IOException ignored) {
                // nothing to sweep
            }
        }

        @Override
        public void close() {
            if (cgroup == null || previous == null) {
                return;
            }
            // a cancelled job still has its interrupt set: file channels would refuse the writes
            boolean interrupted = Thread.interrupted();
            try {
                Files.writeString(previous.resolve("tasks"), tid, StandardOpenOption.WRITE);
                // processes the job started (a cancelled check's children) inherited the cgroup: back with the JVM
                for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                    try {
                        Files.writeString(previous.resolve("cgroup.procs"), pid.strip(), StandardOpenOption.WRITE);
                    } catch (IOException gone) {
                        // exited meanwhile
                    }
                }
                Files.deleteIfExists(cgroup);
            } catch (IOException ignored) {
                // removed by the next job's stale sweep
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static @Nullable String currentTid() {
            try {
                String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(); // PID/task/TID
                return link.substring(link.lastIndexOf('/') + 1);
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        /** The thread's current directory in the v1 hierarchy (from /proc/thread-self/cgroup). */
        private static Path threadCgroup(Hierarchy cpu, String tid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/cgroup"))) {
                String[] f = line.split(":", 3);
                if (f.length == 3 && List.of(f[1].split(",")).contains("cpu")) {
                    return cpu.mountPoint().resolve(f[2].substring(1));
                }
            }
            throw new IOException("thread " + tid + " has no cpu cgroup in /proc/thread-self/cgroup");
        }
    }
}
