package dev.lit.linux.cgroup;

import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's cgroup: one directory on a pure v2 host, one per hierarchy on a v1 or
 * hybrid host. Knows how the helper places the container into it and how to remove it.
 *
 * @param id          the container id, also the directory name
 * @param directories each hierarchy's directory for this container
 * @param controllers which directory carries each controller
 */
public record ContainerCgroup(String id, List<Directory> directories, Map<Controller, Directory> controllers) {

    /**
     * A directory of this container's cgroup in one hierarchy.
     *
     * @param version 1 or 2
     * @param path the directory
     */
    public record Directory(int version, Path path) {
        Path file(String name) {
            return path.resolve(name);
        }
    }

    /** Copies the list and the map. */
    public ContainerCgroup {
        directories = List.copyOf(directories);
        controllers = Map.copyOf(controllers);
    }

    /**
     * The cgroup v2 directory, if the container has one.
     *
     * @return the v2 directory, or empty
     */
    public Optional<Directory> unified() {
        return directories.stream().filter(d -> d.version() == 2).findFirst();
    }

    /**
     * The v1 directories, whose cgroup.procs the helper writes the container's pid into.
     *
     * @return the v1 directories
     */
    public List<Directory> v1Directories() {
        return directories.stream().filter(d -> d.version() == 1).toList();
    }

    /**
     * How many processes the OOM killer has ended in this container (memory.events or memory.oom_control).
     *
     * @return the count
     */
    public long oomKills() {
        Directory memory = controllers.get(Controller.MEMORY);
        if (memory == null) {
            return 0;
        }
        String file = memory.version() == 2 ? "memory.events" : "memory.oom_control";
        return CgroupFiles.keyed(memory.file(file), "oom_kill").orElse(0);
    }

    /**
     * Reads an interface file of the directory that carries {@code controller}.
     *
     * @param controller the controller
     * @param file the file's name, such as {@code memory.current}
     * @return its content, or empty if no directory carries the controller
     */
    public Optional<String> read(Controller controller, String file) {
        Directory d = controllers.get(controller);
        return d == null ? Optional.empty() : Optional.of(CgroupFiles.read(d.file(file)).strip());
    }

    /**
     * The pids in the container's cgroup (in the first hierarchy).
     *
     * @return the pids, in the host's PID namespace
     */
    public List<Integer> pids() {
        List<Integer> pids = new ArrayList<>();
        for (Directory d : directories) {
            try {
                for (String line : Files.readAllLines(d.file("cgroup.procs"))) {
                    if (!line.isBlank()) {
                        pids.add(Integer.parseInt(line.strip()));
                    }
                }
            } catch (IOException ignored) {
                // removed already
            }
        }
        return pids;
    }

    /**
     * Kills whatever is left in the cgroup and removes its directories. Processes take a moment
     * to leave a cgroup after SIGKILL, so removal retries for up to two seconds.
     */
    public void remove() {
        thawForRemoval();
        List<String> failures = new ArrayList<>();
        for (Directory d : directories) {
            String failure = removeDirectory(d);
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new CgroupException("cannot remove cgroup of container " + id + ": " + String.join("; ", failures));
        }
    }

    /** Under the v1 freezer a frozen process cannot act on SIGKILL until thawed (v2 lets it die): thaw first. */
    private void thawForRemoval() {
        for (Directory d : directories) {
            Path file = d.file(d.version() == 2 ? "cgroup.freeze" : "freezer.state");
            if (Files.exists(file)) {
                try {
                    CgroupFiles.write(file, d.version() == 2 ? "0" : "THAWED");
                } catch (CgroupException ignored) {
                    // removed meanwhile
                }
            }
        }
    }

    private static String removeDirectory(Directory d) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        boolean killed = false;
        for (int attempt = 0; ; attempt++) {
            try {
                Files.delete(d.path());
                return null;
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    return d.path() + ": " + (e instanceof FileSystemException f ? f.getReason() : e.getMessage());
                }
            }
            if (!killed || attempt % 20 == 0) {
                killAll(d);
                killed = true;
            }
            try {
                Thread.sleep(attempt < 10 ? 1 : 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return d.path() + ": interrupted while waiting for its processes to exit";
            }
        }
    }

    private static void killAll(Directory d) {
        if (d.version() == 2 && Files.exists(d.file("cgroup.kill"))) {
            try {
                CgroupFiles.write(d.file("cgroup.kill"), "1");
                return;
            } catch (CgroupException ignored) {
                // fall back to signalling each process
            }
        }
        try {
            for (String line : Files.readAllLines(d.file("cgroup.procs"))) {
                if (!line.isBlank()) {
                    Libc.kill(Integer.parseInt(line.strip()), 9);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // gone already
        }
    }
}
