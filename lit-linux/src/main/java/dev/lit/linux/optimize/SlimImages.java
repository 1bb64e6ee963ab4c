package dev.lit.linux.optimize;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ShrinkImage;
import dev.lit.ContainerSpec;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.image.ImageBases;
import dev.lit.linux.image.ImageStore;
import dev.lit.plugin.Plugins;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Slim images ({@code optimize.shrink_image}) beside the image store:
 *
 * <pre>
 * slim/KEY             the slim tree of one image (KEY: 16 hex of the sha256 of its layer directories)
 * slim/KEY.tar.zst     the tree as one zstd-compressed tar layer, with its digest and diff ID in the record
 * slim/KEY.properties  written last (temp + rename): the tree is complete; sizes before and after
 * slim/KEY.lock        held by the job that builds it
 * slim/.tmp-KEY-*      a build in progress, or the remains of one a dead JVM left (removed by the next job)
 * </pre>
 *
 * A start with {@code shrink_image} uses the slim tree when it is complete (the spec's base becomes
 * {@code dir:slim/KEY}, after the image's defaults were applied) and otherwise starts a
 * {@link SlimJob} after the container is running. A slimmed start's {@code spec()} therefore
 * has that directory as its base (and {@code shrink_image} off: it is done).
 */
public final class SlimImages {
    private static final Map<String, SlimJob> JOBS = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger ACTIVE = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * How long a job waits after the start before it does anything: moving a thread into a v1
     * cgroup takes the kernel's fork/exit lock for up to an RCU grace period (8-16 ms here), which
     * would stall a container that is still starting.
     */
    static final java.time.Duration SETTLE = java.time.Duration.ofMillis(500);
    private final Path dir;

    /**
     * The slim images of the image store at {@code storeRoot}.
     *
     * @param storeRoot the Lit root holding the image store
     */
    public SlimImages(Path storeRoot) {
        this.dir = storeRoot.resolve("slim");
    }

    /**
     * The slim images of this process's image store ({@link ImageStore#defaultRoot()}).
     *
     * @return the slim images
     */
    public static SlimImages forDefaultStore() {
        return new SlimImages(ImageStore.defaultRoot());
    }

    /**
     * Waits until no job of this JVM is waiting or building; false on timeout.
     *
     * @param timeout the longest wait
     * @return true when idle, false on timeout
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public static boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ACTIVE.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * The jobs of this JVM that are still building.
     *
     * @return the jobs
     */
    public static List<SlimJob> running() {
        return JOBS.values().stream().filter(j -> !j.result().isDone()).toList();
    }

    /**
     * The spec with its image base replaced by the image's complete slim tree of the level it asks
     * for, if it asks for one and there is one (the aggressive level uses only an aggressive tree
     * built with the same check).
     *
     * @param spec the spec to start
     * @return the spec to start, on the slim tree if there is one
     */
    public ContainerSpec useSlim(ContainerSpec spec) {
        if (!spec.optimize().shrinkImage() || !(spec.base() instanceof Base.Image image)) {
            return spec;
        }
        List<Path> layers = ImageBases.lowerDirectories(image.reference());
        ShrinkImage shrink = spec.optimize().shrink();
        Optional<Path> tree = shrink.level() == ShrinkImage.Level.AGGRESSIVE ? aggressiveTree(layers, shrink.check()) : slimTree(layers);
        return tree
                .map(slim -> spec.toBuilder().base(Base.directory(slim)).shrinkImage(false).build())
                .orElse(spec);
    }

    /**
     * Builds the slim tree in the background if the spec asks for it and nobody has built or is
     * building it. Returns at once: even finding the image's layers happens on the job's thread.
     *
     * @param spec the spec that was started
     * @param cgroups where the job puts itself, at the lowest cpu share
     */
    public void startFor(ContainerSpec spec, CgroupManager cgroups) {
        startFor(spec, cgroups, null);
    }

    /**
     * As {@link #startFor(ContainerSpec, CgroupManager)}; the aggressive level also needs the
     * running container, in which its check runs while the files it opens are recorded.
     *
     * @param spec      the started container's spec (image defaults applied)
     * @param cgroups   where the job's low-priority cgroup goes
     * @param container the running container; without one the aggressive level does nothing
     */
    public void startFor(ContainerSpec spec, CgroupManager cgroups, @Nullable Container container) {
        if (!spec.optimize().shrinkImage() || !(spec.base() instanceof Base.Image image)) {
            return;
        }
        boolean aggressive = spec.optimize().shrink().level() == ShrinkImage.Level.AGGRESSIVE;
        if (aggressive && container == null) {
            return;
        }
        ACTIVE.incrementAndGet();
        Thread.ofPlatform().daemon().name("lit-slim").start(() -> {
            try {
                Thread.sleep(SETTLE);
                if (aggressive) {
                    buildAggressive(image.reference(), spec, cgroups, java.util.Objects.requireNonNull(container));
                } else {
                    build(image.reference(), cgroups);
                }
            } catch (InterruptedException e) {
                // cancelled before it began
            } finally {
                ACTIVE.decrementAndGet();
            }
        });
    }

    private void build(String reference, CgroupManager cgroups) {
        // low priority first: not even finding the layers competes with the containers
        try (SlimJob.LowPriority low = SlimJob.LowPriority.enter(cgroups)) {
            List<Path> layers = ImageBases.lowerDirectories(reference);
            if (slimTree(layers).isPresent()) {
                return;
            }
            String key = key(layers);
            SlimJob job = new SlimJob(key, Thread.currentThread());
            if (JOBS.compute(key, (k, existing) -> existing != null && !existing.result().isDone() ? existing : job) == job) {
                Thread.currentThread().setName("lit-slim-" + key);
                job.run(this, layers, new ImageSlimmer(Plugins.installed().slimmingRules()),
                        "nice 19" + (low.cgroup() == null ? "" : ", cpu.shares=2 in " + low.cgroup().getParent()));
            }
        }
    }

    private void buildAggressive(String reference, ContainerSpec spec, CgroupManager cgroups, Container container) {
        try (SlimJob.LowPriority low = SlimJob.LowPriority.enter(cgroups)) {
            List<Path> layers = ImageBases.lowerDirectories(reference);
            List<String> check = spec.optimize().shrink().check();
            if (aggressiveTree(layers, check).isPresent() || rejection(layers, check).isPresent()) {
                return; // built, or known not to pass its check: not tried on every start
            }
            String key = aggressiveKey(layers, check);
            SlimJob job = new SlimJob(key, Thread.currentThread());
            if (JOBS.compute(key, (k, existing) -> existing != null && !existing.result().isDone() ? existing : job) == job) {
                Thread.currentThread().setName("lit-slim-" + key);
                job.runAggressive(this, layers, new ImageSlimmer(Plugins.installed().slimmingRules()), new AggressiveSlimmer(),
                        spec, container, "nice 19" + (low.cgroup() == null ? "" : ", cpu.shares=2 in " + low.cgroup().getParent()));
            }
        }
    }

    /**
     * The complete aggressive slim tree for these layers and this check.
     *
     * @param layers the image's layer directories, top first
     * @param check  the check command it was verified with
     * @return the tree, if one was built and passed its check
     */
    public Optional<Path> aggressiveTree(List<Path> layers, List<String> check) {
        String key = aggressiveKey(layers, check);
        Path tree = dir.resolve(key);
        return Files.isRegularFile(record(key)) && Files.isDirectory(tree) ? Optional.of(tree) : Optional.empty();
    }

    /**
     * What the record of a complete aggressive slim tree says (as {@link #recordOf}, plus
     * {@code level=aggressive}, {@code opened}, {@code kept}, {@code removed}, {@code removed.bytes}, {@code verified}).
     *
     * @param layers the image's layer directories, top first
     * @param check  the check command
     * @return the record, if the tree is complete
     */
    public Optional<Properties> aggressiveRecordOf(List<Path> layers, List<String> check) {
        return load(record(aggressiveKey(layers, check)));
    }

    /**
     * Why an aggressive slim tree for these layers and this check was thrown away (it did not pass
     * its check, or the check could not be observed); starts do not try again while this stays.
     *
     * @param layers the image's layer directories, top first
     * @param check  the check command
     * @return the reason, if it was thrown away
     */
    public Optional<String> rejection(List<Path> layers, List<String> check) {
        return load(rejected(aggressiveKey(layers, check))).map(p -> p.getProperty("reason", "unknown"));
    }

    /**
     * The complete slim tree for these layers.
     *
     * @param layers the image's layer directories, top first
     * @return the tree's directory, or empty until it is complete
     */
    public Optional<Path> slimTree(List<Path> layers) {
        String key = key(layers);
        Path tree = dir.resolve(key);
        return Files.isRegularFile(record(key)) && Files.isDirectory(tree) ? Optional.of(tree) : Optional.empty();
    }

    /**
     * What the record of a complete slim tree says (bytes before and after, leftovers, links).
     *
     * @param layers the image's layer directories, top first
     * @return the record's properties, or empty
     */
    public Optional<Properties> recordOf(List<Path> layers) {
        return load(record(key(layers)));
    }

    private static Optional<Properties> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Path dir() {
        return dir;
    }

    Path tree(String key) {
        return dir.resolve(key);
    }

    Path record(String key) {
        return dir.resolve(key + ".properties");
    }

    /** The slim tree as one zstd-compressed tar layer (for export and push; starts use the tree). */
    Path blob(String key) {
        return dir.resolve(key + ".tar.zst");
    }

    Path rejected(String key) {
        return dir.resolve(key + ".rejected");
    }

    /** Says why an aggressive tree was thrown away, through temp + rename like the record. */
    void writeRejection(String key, String reason, List<Path> layers) throws IOException {
        Properties p = new Properties();
        p.setProperty("layers", String.join(":", layers.stream().map(Path::toString).toList()));
        p.setProperty("reason", reason);
        Path temp = dir.resolve(".tmp-" + key + ".rejected");
        try (OutputStream out = Files.newOutputStream(temp)) {
            p.store(out, "aggressive slim image thrown away");
        }
        Files.move(temp, rejected(key), StandardCopyOption.ATOMIC_MOVE);
    }

    Path lock(String key) {
        return dir.resolve(key + ".lock");
    }

    /** Writes the record through a temporary file and a rename: it appears whole or not at all. */
    void writeRecord(String key, ImageSlimmer.Report report, TarZstWriter.Written layer, List<Path> layers, String cpu) throws IOException {
        writeRecord(key, report, layer, layers, cpu, Map.of());
    }

    /** As above, with the aggressive level's figures added. */
    void writeRecord(String key, ImageSlimmer.Report report, TarZstWriter.Written layer, List<Path> layers, String cpu,
                     Map<String, String> extra) throws IOException {
        Properties p = new Properties();
        extra.forEach(p::setProperty);
        p.setProperty("layers", String.join(":", layers.stream().map(Path::toString).toList()));
        p.setProperty("bytes.before", Long.toString(report.bytesBefore()));
        p.setProperty("bytes.after", Long.toString(report.bytesAfter()));
        p.setProperty("leftovers", Integer.toString(report.leftovers()));
        p.setProperty("leftovers.bytes", Long.toString(report.leftoverBytes()));
        p.setProperty("deduplicated", Integer.toString(report.deduplicated()));
        p.setProperty("deduplicated.bytes", Long.toString(report.dedupBytes()));
        p.setProperty("cpu", cpu);
        p.setProperty("layer", blob(key).getFileName().toString());
        p.setProperty("layer.digest", "sha256:" + layer.blobSha256());
        p.setProperty("layer.bytes", Long.toString(layer.blobBytes()));
        p.setProperty("layer.diff_id", "sha256:" + layer.diffIdSha256());
        Path temp = dir.resolve(".tmp-" + key + ".properties");
        try (OutputStream out = Files.newOutputStream(temp)) {
            p.store(out, "slim image");
        }
        Files.move(temp, record(key), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The aggressive tree's key: the layers' key, then {@code _a} and 8 hex of the check's sha256. */
    static String aggressiveKey(List<Path> layers, List<String> check) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String arg : check) {
                md.update(arg.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return key(layers) + "_a" + HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(List<Path> layers) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path l : layers) {
                md.update(l.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
