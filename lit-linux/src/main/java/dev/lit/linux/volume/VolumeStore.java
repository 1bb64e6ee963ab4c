package dev.lit.linux.volume;

import dev.lit.ContainerSpec;
import dev.lit.LitException;
import dev.lit.Mount;
import dev.lit.Volume;
import dev.lit.Volumes;
import dev.lit.linux.state.ContainerDirectory;
import dev.lit.linux.state.StateRoot;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Named volumes under {@code <Lit root>/volumes/<name>/data}. A container that mounts one
 * records its name in {@code volumes} in its state directory, which is what "in use" means
 * for {@link #remove}, together with any mount of the data directory in any mount namespace.
 */
public final class VolumeStore implements Volumes {
    private static final String USERS_FILE = "volumes";
    private final Supplier<Path> litRoot;
    private final StateRoot stateRoot;
    private volatile @Nullable Path root;

    /** @param litRoot the Lit root, asked for on first use only: a JVM that never mounts a volume never looks */
    public VolumeStore(Supplier<Path> litRoot, StateRoot stateRoot) {
        this.litRoot = litRoot;
        this.stateRoot = stateRoot;
    }

    public Path root() {
        Path r = root;
        if (r == null) {
            r = root = litRoot.get().resolve("volumes");
        }
        return r;
    }

    @Override
    public List<Volume> list() {
        try (Stream<Path> s = Files.list(root())) {
            List<Volume> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                find(p.getFileName().toString()).ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Optional<Volume> find(String name) {
        Volume.requireValidName(name);
        Path dir = root().resolve(name);
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve("data"), BasicFileAttributes.class);
            return Optional.of(new Volume(name, dir.resolve("data"), a.creationTime().toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Volume create(String name) {
        Volume.requireValidName(name);
        Path dir = root().resolve(name);
        try {
            Files.createDirectories(root());
            try {
                Files.createDirectory(dir);
                // created under a temporary name and renamed: a half-made volume never shows
                Path tmp = dir.resolve("data.tmp");
                Files.createDirectories(tmp);
                Files.move(tmp, dir.resolve("data"));
            } catch (FileAlreadyExistsException e) {
                // exists already, or another process is creating it this very moment
            }
        } catch (IOException e) {
            throw new LitException("cannot create volume " + name + " in " + dir + ": " + e.getMessage(), e);
        }
        return find(name).orElseThrow(() -> new LitException("volume " + name + " was removed while being created"));
    }

    @Override
    public void remove(String name) {
        Volume volume = find(name).orElseThrow(() -> new LitException("no such volume: " + name));
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw new LitException("volume " + name + " is in use by container " + String.join(", ", users) + ": remove the container first");
        }
        if (isMounted(volume.path())) {
            throw new LitException("volume " + name + " is mounted by a running container");
        }
        new ContainerDirectory(name, root().resolve(name)).delete();
    }

    /** The spec with its volume mounts turned into bind mounts of the volumes' data, created as needed. */
    public ContainerSpec resolve(ContainerSpec spec, ContainerDirectory container) {
        List<String> names = new ArrayList<>();
        ContainerSpec.Builder b = null;
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            if (m instanceof Mount.Volume v) {
                Path data = create(v.name()).path();
                names.add(v.name());
                mounts.add(new Mount.Bind(data, v.target(), v.readOnly()));
                b = spec.toBuilder();
            } else {
                mounts.add(m);
            }
        }
        if (b == null) {
            return spec;
        }
        try {
            Files.write(container.path().resolve(USERS_FILE), names);
        } catch (IOException e) {
            throw new LitException("cannot record the volumes of container " + container.id() + ": " + e.getMessage(), e);
        }
        return b.mounts(mounts).build();
    }

    /** Containers of this state root that mount the volume. */
    private List<String> users(String name) {
        List<String> users = new ArrayList<>();
        try (Stream<Path> s = Files.list(stateRoot.containers())) {
            for (Path dir : s.sorted(Comparator.naturalOrder()).toList()) {
                Path file = dir.resolve(USERS_FILE);
                if (Files.exists(file) && Files.readAllLines(file).contains(name)) {
                    users.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            // no containers
        }
        return users;
    }

    /** Whether the data directory is a mount source anywhere (containers of other state roots). */
    private static boolean isMounted(Path data) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try (Stream<String> lines = Files.lines(p.resolve("mountinfo"))) {
                    // field 4 is the root of the mount within its filesystem: the bind source's path there
                    if (lines.anyMatch(l -> l.split(" ")[3].endsWith("/volumes/" + data.getParent().getFileName() + "/data"))) {
                        return true;
                    }
                } catch (IOException | java.io.UncheckedIOException | ArrayIndexOutOfBoundsException e) {
                    // process gone
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
